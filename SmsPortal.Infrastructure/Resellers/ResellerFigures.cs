using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Resellers;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Resellers;

/// <summary>
/// Each reseller's wholesale consumption and margin, in one place. An order names its seller (decision 0027): the
/// reseller's wholesale purchases are its own paid orders sold by the platform, and its sales are paid orders it sold.
/// Credits moved by transfers are not money: they count in neither sum, only in what the customers consume. The
/// wholesale price per SMS is the price per package divided by its SMS.
/// </summary>
public sealed class ResellerFigures(IDbContextFactory<SmsPortalDbContext> contexts)
{
    public async Task<IReadOnlyList<ResellerFigure>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var resellers = await db.ResellerBrands.AsNoTracking()
            .Where(b => db.Accounts.Any(a => a.Id == b.AccountId && a.Kind == AccountKind.Reseller))
            .Select(b => new { b.AccountId, b.WholesaleUnit, b.WholesalePrice, b.WholesalePackageSms })
            .ToListAsync(cancellationToken);
        var ids = resellers.Select(r => r.AccountId).ToList();
        // Amounts are summed here, not in SQL: SQLite has no decimal aggregate. Paid orders are purchases, a few per account.
        var bought = (await db.Orders.AsNoTracking()
            .Where(o => o.Status == OrderStatus.Paid && o.SellerAccountId == null && ids.Contains(o.AccountId))
            .Select(o => new { Reseller = o.AccountId, o.Sms, o.Amount })
            .ToListAsync(cancellationToken))
            .GroupBy(o => o.Reseller)
            .Select(g => new { Reseller = g.Key, Sms = g.Sum(o => o.Sms), Amount = g.Sum(o => o.Amount) })
            .ToList();
        var sold = (await db.Orders.AsNoTracking()
            .Where(o => o.Status == OrderStatus.Paid && o.SellerAccountId != null && ids.Contains(o.SellerAccountId!.Value))
            .Select(o => new { Reseller = o.SellerAccountId!.Value, o.Sms, o.Amount })
            .ToListAsync(cancellationToken))
            .GroupBy(x => x.Reseller)
            .Select(g => new { Reseller = g.Key, Sms = g.Sum(x => x.Sms), Amount = g.Sum(x => x.Amount) })
            .ToList();
        // Sends reserve (minus), refunds give back (plus), settling moves nothing: their sum is what was used.
        var consumed = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.Currency == LedgerCurrency.Credits && (e.Kind == LedgerEntryKind.Reserve || e.Kind == LedgerEntryKind.Refund || e.Kind == LedgerEntryKind.Settle))
            .Join(db.Accounts.Where(a => a.ParentAccountId != null && ids.Contains(a.ParentAccountId!.Value)), e => e.AccountId, a => a.Id, (e, a) => new { Reseller = a.ParentAccountId!.Value, e.Amount })
            .GroupBy(x => x.Reseller)
            .Select(g => new { Reseller = g.Key, Amount = g.Sum(x => x.Amount) })
            .ToListAsync(cancellationToken);

        return resellers.Select(r =>
        {
            var perSms = UnitCost(r.WholesaleUnit, r.WholesalePrice, r.WholesalePackageSms);
            var b = bought.SingleOrDefault(x => x.Reseller == r.AccountId);
            var s = sold.SingleOrDefault(x => x.Reseller == r.AccountId);
            var used = -(consumed.SingleOrDefault(x => x.Reseller == r.AccountId)?.Amount ?? 0);
            var soldSms = s?.Sms ?? 0;
            var soldAmount = s?.Amount ?? 0m;
            return new ResellerFigure(r.AccountId, b?.Sms ?? 0, b?.Amount ?? 0m, used, Math.Round(used * perSms, 2), soldSms, soldAmount, Math.Round(soldAmount - (soldSms * perSms), 2));
        }).ToList();
    }

    /// <summary>The wholesale price of one SMS.</summary>
    public static decimal UnitCost(WholesaleUnit unit, decimal price, int? packageSms) =>
        unit == WholesaleUnit.PerPackage && packageSms is > 0 ? price / packageSms.Value : price;
}
