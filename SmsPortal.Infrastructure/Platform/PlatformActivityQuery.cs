using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Records;

namespace SmsPortal.Infrastructure.Platform;

/// <summary>Reads <see cref="PlatformActivity"/> for the admin dashboard.</summary>
public sealed class PlatformActivityQuery(IDbContextFactory<SmsPortalDbContext> contexts, MessageRecords records)
{
    public async Task<PlatformActivity> ReadAsync(CancellationToken cancellationToken)
    {
        var (today, _, month) = records.PeriodStarts();
        var (todayUtc, monthUtc) = (today.ToUniversalTime(), month.ToUniversalTime());
        var sends = await records.PlatformStatisticsAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // A month's paid orders are few: their amounts are summed here rather than by SQLite, which has no decimal.
        var paid = await db.Orders.AsNoTracking()
            // The platform's own sales only: what a reseller sells its customers is the reseller's money.
            .Where(o => o.Status == OrderStatus.Paid && o.PaidAt >= monthUtc && o.SellerAccountId == null)
            .Select(o => new { o.Amount, o.PaidAt })
            .ToListAsync(cancellationToken);
        var reviews = await db.Signatures.CountAsync(s => s.State == ReviewState.Pending, cancellationToken)
            + await db.MessageTemplates.CountAsync(t => t.State == ReviewState.Pending, cancellationToken)
            + await db.EnterpriseVerifications.CountAsync(v => v.State == ReviewState.Pending, cancellationToken);
        var waiting = db.Messages.AsNoTracking().Where(m => m.Status == MessageStatus.Accepted);
        return new PlatformActivity(
            sends.Today,
            sends.ThisMonth,
            paid.Where(o => o.PaidAt >= todayUtc).Sum(o => o.Amount),
            paid.Sum(o => o.Amount),
            reviews,
            await db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Requested, cancellationToken),
            await waiting.CountAsync(cancellationToken),
            await waiting.OrderBy(m => m.Id).Select(m => (DateTimeOffset?)m.AcceptedAt).FirstOrDefaultAsync(cancellationToken));
    }
}
