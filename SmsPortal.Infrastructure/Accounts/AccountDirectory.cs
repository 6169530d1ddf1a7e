using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Accounts;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Accounts;

public sealed record AccountRow(int Id, string Name, string ApiId, AccountKind Kind, AccountStatus Status, bool IsVerified, long Balance, string? OwnerEmail, DateTimeOffset CreatedAt, string? AllowedCountries = null);

public sealed record AccountPage(IReadOnlyList<AccountRow> Rows, int Total);

public sealed record PlatformCounts(int Accounts, int FrozenAccounts, int People, long CreditsHeld);

/// <summary>The admins' view of all accounts: paged and filtered in the database.</summary>
public sealed class AccountDirectory(IDbContextFactory<SmsPortalDbContext> contexts)
{
    public async Task<AccountPage> SearchAsync(string? search, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Accounts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(a => a.Name.Contains(term) || a.ApiId.Contains(term) || db.Users.Any(u => u.AccountId == a.Id && u.Email!.Contains(term)));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(a => a.Id)
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, 200))
            .Select(a => new AccountRow(
                a.Id, a.Name, a.ApiId, a.Kind, a.Status, a.IsVerified,
                db.LedgerEntries.Where(e => e.AccountId == a.Id).OrderByDescending(e => e.Id).Select(e => e.BalanceAfter).FirstOrDefault(),
                db.Users.Where(u => u.AccountId == a.Id && u.IsAccountOwner).Select(u => u.Email).FirstOrDefault(),
                a.CreatedAt,
                a.AllowedCountries))
            .ToListAsync(cancellationToken);
        return new AccountPage(rows, total);
    }

    public async Task<PlatformCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return new PlatformCounts(
            await db.Accounts.CountAsync(cancellationToken),
            await db.Accounts.CountAsync(a => a.Status == AccountStatus.Frozen, cancellationToken),
            await db.Users.CountAsync(cancellationToken),
            await db.LedgerEntries.Where(e => db.LedgerEntries.Where(x => x.AccountId == e.AccountId).Max(x => x.Id) == e.Id).SumAsync(e => (long?)e.BalanceAfter, cancellationToken) ?? 0);
    }
}
