using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Accounts;

/// <param name="ParentId">The reseller whose customer this is; null for the platform's own accounts and for resellers.</param>
public sealed record AccountRow(int Id, string Name, string ApiId, AccountKind Kind, AccountStatus Status, bool IsVerified, long Balance, string? OwnerEmail, DateTimeOffset CreatedAt,
    string? AllowedCountries = null, int? ParentId = null, string? ParentName = null);

public sealed record AccountPage(IReadOnlyList<AccountRow> Rows, int Total);

public sealed record PlatformCounts(int Accounts, int FrozenAccounts, int People, long CreditsHeld);

/// <summary>The admins' view of all accounts: paged and filtered in the database.</summary>
public sealed class AccountDirectory(IDbContextFactory<SmsPortalDbContext> contexts)
{
    /// <summary>
    /// Accounts as a tree: each reseller followed by its customers, newest first at both levels. With
    /// <paramref name="resellerId"/>, only that reseller and its customers.
    /// </summary>
    public async Task<AccountPage> SearchAsync(string? search, int skip, int take, CancellationToken cancellationToken, int? resellerId = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Accounts.AsNoTracking();
        if (resellerId is { } reseller)
        {
            query = query.Where(a => a.Id == reseller || a.ParentAccountId == reseller);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(a => a.Name.Contains(term) || a.ApiId.Contains(term) || db.Users.Any(u => u.AccountId == a.Id && u.Email!.Contains(term)));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await Rows(db, query
            .OrderByDescending(a => a.ParentAccountId ?? a.Id)
            .ThenBy(a => a.ParentAccountId == null ? 0 : 1)
            .ThenByDescending(a => a.Id)
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, 200)))
            .ToListAsync(cancellationToken);
        return new AccountPage(rows, total);
    }

    /// <summary>One account as the accounts grid shows it; null when there is none with this id.</summary>
    public async Task<AccountRow?> FindAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Rows(db, db.Accounts.AsNoTracking().Where(a => a.Id == accountId)).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<PlatformCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return new PlatformCounts(
            await db.Accounts.CountAsync(cancellationToken),
            await db.Accounts.CountAsync(a => a.Status == AccountStatus.Frozen, cancellationToken),
            await db.Users.CountAsync(cancellationToken),
            await db.LedgerEntries.Where(e => e.Currency == LedgerCurrency.Credits && db.LedgerEntries.Where(x => x.AccountId == e.AccountId && x.Currency == LedgerCurrency.Credits).Max(x => x.Id) == e.Id).SumAsync(e => (long?)e.BalanceAfter, cancellationToken) ?? 0);
    }

    private static IQueryable<AccountRow> Rows(SmsPortalDbContext db, IQueryable<Account> accounts) =>
        accounts
            .Select(a => new AccountRow(
                a.Id, a.Name, a.ApiId, a.Kind, a.Status, a.IsVerified,
                db.LedgerEntries.Where(e => e.AccountId == a.Id && e.Currency == LedgerCurrency.Credits).OrderByDescending(e => e.Id).Select(e => e.BalanceAfter).FirstOrDefault(),
                db.Users.Where(u => u.AccountId == a.Id && u.IsAccountOwner).Select(u => u.Email).FirstOrDefault(),
                a.CreatedAt,
                a.AllowedCountries,
                a.ParentAccountId,
                db.Accounts.Where(p => p.Id == a.ParentAccountId).Select(p => p.Name).FirstOrDefault()));
}
