using Microsoft.AspNetCore.Identity;
using SmsPortal.Domain.Accounts;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Resellers;

namespace SmsPortal.Web.Features.Identity;

/// <summary>
/// A person signs up: their account (the tenant) with its API credentials and trial credits, and them as its owner, or
/// nothing at all. On a reseller's host name the account is the reseller's customer and its trial credits come out of
/// the reseller's balance (none when that is short), in the same transaction.
/// </summary>
internal sealed class CustomerRegistration(SmsPortalDbContext db, UserManager<ApplicationUser> users, AccountService accounts, CreditTransfers transfers, TimeProvider clock)
{
    public Task<(IdentityResult Result, ApplicationUser? User)> RegisterAsync(string email, string password, string companyName, Brand? brand, CancellationToken cancellationToken) =>
        CreateAsync(new ApplicationUser { UserName = email, Email = email }, password, companyName, brand, cancellationToken);

    /// <summary>
    /// The trial account of a person who proved a mobile number with a code (<paramref name="e164"/>, +country…): the
    /// number is their user name and is confirmed; no password and no e-mail yet (they sign in by code and may add both later).
    /// </summary>
    public Task<(IdentityResult Result, ApplicationUser? User)> RegisterByPhoneAsync(string e164, string companyName, Brand? brand, CancellationToken cancellationToken) =>
        CreateAsync(new ApplicationUser { UserName = e164, PhoneNumber = e164, PhoneNumberConfirmed = true }, null, companyName, brand, cancellationToken);

    private async Task<(IdentityResult Result, ApplicationUser? User)> CreateAsync(ApplicationUser user, string? password, string companyName, Brand? brand, CancellationToken cancellationToken)
    {
        var account = await accounts.DraftAsync(db, new NewAccount(companyName, AccountKind.Customer, brand?.AccountId, null, null), cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await accounts.AddAsync(db, account, brand is null ? accounts.DefaultTrialCredits : 0, cancellationToken);
        if (brand is not null)
        {
            await transfers.GiveTrialAsync(db, brand.AccountId, account.Id, brand.TrialCredits, cancellationToken);
        }

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
