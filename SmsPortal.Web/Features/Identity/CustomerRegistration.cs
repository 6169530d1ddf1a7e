using Microsoft.AspNetCore.Identity;
using SmsPortal.Domain.Accounts;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Web.Features.Identity;

/// <summary>A person signs up: their account (the tenant) with its API credentials and trial credits, and them as its owner, or nothing at all.</summary>
internal sealed class CustomerRegistration(SmsPortalDbContext db, UserManager<ApplicationUser> users, AccountService accounts, TimeProvider clock)
{
    public Task<(IdentityResult Result, ApplicationUser? User)> RegisterAsync(string email, string password, string companyName, CancellationToken cancellationToken) =>
        CreateAsync(new ApplicationUser { UserName = email, Email = email }, password, companyName, cancellationToken);

    /// <summary>
    /// The trial account of a person who proved a mobile number with a code (<paramref name="e164"/>, +country…): the
    /// number is their user name and is confirmed; no password and no e-mail yet (they sign in by code and may add both later).
    /// </summary>
    public Task<(IdentityResult Result, ApplicationUser? User)> RegisterByPhoneAsync(string e164, string companyName, CancellationToken cancellationToken) =>
        CreateAsync(new ApplicationUser { UserName = e164, PhoneNumber = e164, PhoneNumberConfirmed = true }, null, companyName, cancellationToken);

    private async Task<(IdentityResult Result, ApplicationUser? User)> CreateAsync(ApplicationUser user, string? password, string companyName, CancellationToken cancellationToken)
    {
        var account = await accounts.DraftAsync(db, new NewAccount(companyName, AccountKind.Customer, null, null, null), cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await accounts.AddAsync(db, account, accounts.DefaultTrialCredits, cancellationToken);
        user.AccountId = account.Id;
        user.IsAccountOwner = true;
        user.CreatedAt = clock.GetUtcNow();

        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(user, Roles.Customer);
        }

        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return (created, null);
        }

        await transaction.CommitAsync(cancellationToken);
        return (created, user);
    }
}
