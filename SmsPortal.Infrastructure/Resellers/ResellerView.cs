using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Records;

namespace SmsPortal.Infrastructure.Resellers;

/// <summary>
/// The one gate of the reseller's view of its customers (decision 0031). A page or an endpoint asks
/// <see cref="CustomerAsync"/> with the signed-in reseller's account and an API ID; it gets the customer only when that
/// account is a reseller and the customer's parent, and then reads the customer's things with the customer's id through
/// the services every customer's own pages use. Another reseller's customer, a direct customer, the reseller itself and
/// an unknown API ID all answer null, so a reseller learns nothing of accounts outside its tree.
/// </summary>
public sealed class ResellerView(IDbContextFactory<SmsPortalDbContext> contexts, MessageRecords records)
{
    public const int MaxDays = 90;

    /// <summary>The customer with this API ID when it is one of the reseller's; otherwise null.</summary>
    public async Task<ViewedCustomer?> CustomerAsync(int resellerId, string? apiId, CancellationToken cancellationToken)
    {
        var id = (apiId ?? "").Trim();
        if (id.Length == 0)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.AsNoTracking()
            .Where(a => a.ApiId == id && a.ParentAccountId == resellerId && db.Accounts.Any(r => r.Id == resellerId && r.Kind == AccountKind.Reseller))
            .Select(a => new ViewedCustomer(a.Id, a.ApiId, a.Name, a.Status, a.IsVerified,
                db.LedgerEntries.Where(e => e.AccountId == a.Id && e.Currency == LedgerCurrency.Credits).OrderByDescending(e => e.Id).Select(e => e.BalanceAfter).FirstOrDefault(),
                a.CreatedAt))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Every customer's messages of the reseller, by day of the platform's calendar, oldest first.</summary>
    public Task<IReadOnlyList<DayCounts>> DailyAsync(int resellerId, int days, CancellationToken cancellationToken) =>
        records.DailyAsync(db => OfCustomers(db, resellerId), days, cancellationToken);

    /// <summary>What became of each customer's messages in the last <paramref name="days"/> days (today included), busiest first.</summary>
    public async Task<IReadOnlyList<CustomerTotals>> TotalsAsync(int resellerId, int days, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        var since = records.PeriodStarts().Today.AddDays(1 - days).ToUniversalTime();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await OfCustomers(db, resellerId)
            .Where(m => m.AcceptedAt >= since)
            .GroupBy(m => new { m.AccountId, m.Status })
            .Select(g => new { g.Key.AccountId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var ids = counts.Select(c => c.AccountId).Distinct().ToList();
        var names = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.ApiId, a.Name }).ToListAsync(cancellationToken);
        return names
            .Select(a =>
            {
                var mine = counts.Where(c => c.AccountId == a.Id).ToList();
                return new CustomerTotals(a.ApiId, a.Name, new StatusCounts(
                    mine.Sum(c => c.Count),
                    mine.Where(c => c.Status == MessageStatus.Delivered).Sum(c => c.Count),
                    mine.Where(c => c.Status is MessageStatus.Failed or MessageStatus.Expired).Sum(c => c.Count)));
            })
            .OrderByDescending(t => t.Counts.Sent).ThenBy(t => t.ApiId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The signatures and templates the customer filed, newest first, with the admins' decision (read-only: review stays with the platform).</summary>
    public async Task<IReadOnlyList<CustomerReviewItem>> ReviewItemsAsync(ViewedCustomer customer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var signatures = await db.Signatures.AsNoTracking().Where(s => s.AccountId == customer.Id)
            .Select(s => new CustomerReviewItem(false, s.Id, s.Text, s.State, s.RejectionReason, s.SubmittedAt, s.ReviewedAt))
            .ToListAsync(cancellationToken);
        var templates = await db.MessageTemplates.AsNoTracking().Where(t => t.AccountId == customer.Id)
            .Select(t => new CustomerReviewItem(true, t.Id, t.Text, t.State, t.RejectionReason, t.SubmittedAt, t.ReviewedAt))
            .ToListAsync(cancellationToken);
        return signatures.Concat(templates).OrderByDescending(i => i.SubmittedAt.UtcTicks).ToList();
    }

    private static IQueryable<Message> OfCustomers(SmsPortalDbContext db, int resellerId) =>
        db.Messages.Where(m => db.Accounts.Any(a => a.Id == m.AccountId && a.ParentAccountId == resellerId && db.Accounts.Any(r => r.Id == resellerId && r.Kind == AccountKind.Reseller)));
}
