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
    public async Task<(IdentityResult Result, ApplicationUser? User)> RegisterAsync(string email, string password, string companyName, Brand? brand, CancellationToken cancellationToken)
    {
        var account = await accounts.DraftAsync(db, new NewAccount(companyName, AccountKind.Customer, brand?.AccountId, null, null), cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await accounts.AddAsync(db, account, brand is null ? accounts.DefaultTrialCredits : 0, cancellationToken);
        if (brand is not null)
        {
            await transfers.GiveTrialAsync(db, brand.AccountId, account.Id, brand.TrialCredits, cancellationToken);
        }

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
