using Microsoft.AspNetCore.Identity;
using SmsPortal.Domain.Accounts;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Web.Features.Identity;

/// <summary>A person signs up: their account (the tenant) with its API credentials and trial credits, and them as its owner, or nothing at all.</summary>
internal sealed class CustomerRegistration(SmsPortalDbContext db, UserManager<ApplicationUser> users, AccountService accounts, TimeProvider clock)
{
    public async Task<(IdentityResult Result, ApplicationUser? User)> RegisterAsync(string email, string password, string companyName, CancellationToken cancellationToken)
    {
        var account = await accounts.DraftAsync(db, new NewAccount(companyName, AccountKind.Customer, null, null, null), cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await accounts.AddAsync(db, account, accounts.DefaultTrialCredits, cancellationToken);
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            AccountId = account.Id,
            IsAccountOwner = true,
            CreatedAt = clock.GetUtcNow(),
        };

        var created = await users.CreateAsync(user, password);
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
