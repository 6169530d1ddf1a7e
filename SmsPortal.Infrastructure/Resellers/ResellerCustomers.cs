using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Resellers;

public sealed record ResellerCustomerRow(string ApiId, string Name, AccountStatus Status, long Balance, DateTimeOffset CreatedAt);

public sealed record ResellerCustomerPage(IReadOnlyList<ResellerCustomerRow> Rows, int Total);

/// <summary>A customer made by its reseller: its API credentials (the key shown once), the trial it got, and the person invited to it.</summary>
public sealed record NewResellerCustomer(bool Ok, string? Error, string? ApiId = null, string? ApiKey = null, long TrialCredits = 0, string? InvitedEmail = null);

/// <summary>
/// A reseller's own customers and nothing else: every query is bounded by the reseller's account id, so an id of
/// somebody else's finds nothing, whatever the caller passes.
/// </summary>
public sealed class ResellerCustomers(IDbContextFactory<SmsPortalDbContext> contexts, AccountService accounts, CreditTransfers transfers, Sending.SendingProfiles profiles)
{
    public async Task<bool> IsResellerAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.AnyAsync(a => a.Id == accountId && a.Kind == AccountKind.Reseller, cancellationToken);
    }

    public async Task<ResellerCustomerPage> SearchAsync(int resellerId, string? search, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Accounts.AsNoTracking().Where(a => a.ParentAccountId == resellerId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(a => a.Name.Contains(term) || a.ApiId.Contains(term));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(a => a.Id)
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, 200))
            .Select(a => new ResellerCustomerRow(
                a.ApiId, a.Name, a.Status,
                db.LedgerEntries.Where(e => e.AccountId == a.Id && e.Currency == LedgerCurrency.Credits).OrderByDescending(e => e.Id).Select(e => e.BalanceAfter).FirstOrDefault(),
                a.CreatedAt))
            .ToListAsync(cancellationToken);
        return new ResellerCustomerPage(rows, total);
    }

    /// <summary>A new customer of the reseller with its API credentials, and the reseller's trial credits when its balance covers them.</summary>
    public async Task<NewResellerCustomer> CreateAsync(int resellerId, string? name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await CreateAsync(db, resellerId, name, null, cancellationToken);
    }

    /// <summary>
    /// The same in <paramref name="db"/>; <paramref name="alongside"/> runs inside the customer's transaction once the
    /// account exists (the person invited to it is made there) and returns the key of a refusal, which undoes it all.
    /// </summary>
    public async Task<NewResellerCustomer> CreateAsync(SmsPortalDbContext db, int resellerId, string? name, Func<int, Task<string?>>? alongside, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > Account.NameMaxLength)
        {
            return new NewResellerCustomer(false, "Error.CustomerName");
        }

        var trial = await db.ResellerBrands.Where(b => b.AccountId == resellerId && db.Accounts.Any(a => a.Id == resellerId && a.Kind == AccountKind.Reseller && a.Status == AccountStatus.Active))
            .Select(b => (long?)b.TrialCredits).SingleOrDefaultAsync(cancellationToken);
        if (trial is null)
        {
            return new NewResellerCustomer(false, "Error.NotAReseller");
        }

        var apiKey = Domain.Accounts.ApiCredentials.NewApiKey();
        var account = await accounts.DraftAsync(db, new NewAccount(name, AccountKind.Customer, resellerId, null, apiKey), cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await accounts.AddAsync(db, account, 0, cancellationToken);
        var given = await transfers.GiveTrialAsync(db, resellerId, account.Id, trial.Value, cancellationToken);
        if (alongside is not null && await alongside(account.Id) is { } refused)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new NewResellerCustomer(false, refused);
        }

        await transaction.CommitAsync(cancellationToken);
        return new NewResellerCustomer(true, null, account.ApiId, apiKey, given);
    }

    /// <summary>Freezes or unfreezes one of the reseller's customers; false when the API ID is not one of them.</summary>
    public async Task<bool> SetStatusAsync(int resellerId, string? customerApiId, AccountStatus status, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var apiId = (customerApiId ?? "").Trim();
        var changed = await db.Accounts.Where(a => a.ApiId == apiId && a.ParentAccountId == resellerId && db.Accounts.Any(r => r.Id == resellerId && r.Kind == AccountKind.Reseller))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, status), cancellationToken);
        // This node's doors see the change at once (other nodes within the profiles' lifetime).
        profiles.Forget(apiId);
        return changed == 1;
    }
}
