using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Resellers;

/// <summary>
/// Credits for a paid order, inside the transaction that marks it paid. The platform's sale adds credits (a top-up);
/// a reseller's sale moves them out of the reseller's balance to its customer, a transfer pair, and when the reseller is
/// short the order waits (<see cref="Order.AwaitingCredits"/>) until credits next come into the reseller's balance (a
/// top-up, an admin's adjustment, credits taken back from a customer), which delivers it in that credit's transaction.
/// Accounts are locked once per transaction, all together in id order, so two of these on PostgreSQL never wait on each
/// other in a circle (docs/decisions/0027-resellers-money-model.md).
/// </summary>
public sealed class ResellerSales(CreditLedger ledger)
{
    /// <summary>Credits the order the caller has just marked paid; needs the caller's open transaction.</summary>
    public async Task CreditPaidOrderAsync(SmsPortalDbContext db, Order order, CancellationToken cancellationToken)
    {
        if (order.SellerAccountId is { } reseller)
        {
            var balances = await ledger.LockBalancesAsync(db, [reseller, order.AccountId], cancellationToken);
            if (balances[reseller] >= order.Sms)
            {
                await AppendSaleAsync(db, balances, order, reseller, cancellationToken);
            }
            else
            {
                await db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.AwaitingCredits, true), cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var locked = await LockForCreditAsync(db, [order.AccountId], order.AccountId, cancellationToken);
        var lines = new List<LedgerLine>();
        if (order.Sms > 0)
        {
            lines.Add(new LedgerLine(order.AccountId, LedgerEntryKind.TopUp, order.Sms, Reference: order.Number, Note: order.PackageName));
        }

        Dictionary<int, long>? money = null;
        if (order.MoneyFen > 0)
        {
            // A package of money for international SMS (decision 0034): the buyer's money balance, under the same lock.
            money = await CreditLedger.BalancesAsync(db, [order.AccountId], LedgerCurrency.Cny, cancellationToken);
            lines.Add(new LedgerLine(order.AccountId, LedgerEntryKind.TopUp, order.MoneyFen, Reference: order.Number, Note: order.PackageName) { Currency = LedgerCurrency.Cny });
        }

        ledger.Append(db, locked, money, lines);
        await DeliverWaitingAsync(db, order.AccountId, locked, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Locks <paramref name="accountIds"/> and the buyers of <paramref name="credited"/>'s waiting sales, in one ordered
    /// call (the buyers are read before the locks), for a writer about to credit <paramref name="credited"/> and then
    /// call <see cref="DeliverWaitingAsync"/>. Needs the caller's open transaction.
    /// </summary>
    public async Task<Dictionary<int, long>> LockForCreditAsync(SmsPortalDbContext db, IReadOnlyCollection<int> accountIds, int credited, CancellationToken cancellationToken)
    {
        var waiting = await WaitingCustomersAsync(db, credited, cancellationToken);
        return await ledger.LockBalancesAsync(db, [.. accountIds, credited, .. waiting], cancellationToken);
    }

    /// <summary>
    /// Delivers the reseller's waiting sales, oldest first, while its balance covers them, inside the caller's
    /// transaction, after credits came into its balance. <paramref name="balances"/> are the locked balances (from
    /// <see cref="LockForCreditAsync"/>); a sale whose buyer is not among them (it began waiting after the locks were
    /// taken, on PostgreSQL) waits for the next credit. The caller saves.
    /// </summary>
    public async Task DeliverWaitingAsync(SmsPortalDbContext db, int resellerId, Dictionary<int, long> balances, CancellationToken cancellationToken)
    {
        var waiting = await db.Orders.AsNoTracking().Where(o => o.SellerAccountId == resellerId && o.AwaitingCredits).OrderBy(o => o.Id).ToListAsync(cancellationToken);
        foreach (var sale in waiting)
        {
            if (!balances.ContainsKey(sale.AccountId))
            {
                continue;
            }

            if (balances[resellerId] < sale.Sms)
            {
                break;
            }

            if (await db.Orders.Where(o => o.Id == sale.Id && o.AwaitingCredits).ExecuteUpdateAsync(s => s.SetProperty(o => o.AwaitingCredits, false), cancellationToken) == 1)
            {
                await AppendSaleAsync(db, balances, sale, resellerId, cancellationToken);
            }
        }
    }

    private static Task<List<int>> WaitingCustomersAsync(SmsPortalDbContext db, int resellerId, CancellationToken cancellationToken) =>
        db.Orders.Where(o => o.SellerAccountId == resellerId && o.AwaitingCredits).Select(o => o.AccountId).Distinct().ToListAsync(cancellationToken);

    private async Task AppendSaleAsync(SmsPortalDbContext db, Dictionary<int, long> balances, Order sale, int resellerId, CancellationToken cancellationToken)
    {
        var buyer = await db.Accounts.Where(a => a.Id == sale.AccountId).Select(a => a.ApiId).SingleAsync(cancellationToken);
        var lines = new List<LedgerLine>();
        if (sale.Sms > 0)
        {
            lines.Add(new LedgerLine(resellerId, LedgerEntryKind.Transfer, -sale.Sms, sale.Number, KeyedText.Of("Ledger.SoldTo", ("account", buyer), ("package", sale.PackageName))));
            lines.Add(new LedgerLine(sale.AccountId, LedgerEntryKind.Transfer, sale.Sms, sale.Number, sale.PackageName));
        }

        Dictionary<int, long>? money = null;
        if (sale.MoneyFen > 0)
        {
            // Money for international SMS comes out of nobody's balance: the reseller pays the platform for each send
            // its customer makes with it (decision 0034). The buyer is locked (its waiting sale is delivered only then).
            money = await CreditLedger.BalancesAsync(db, [sale.AccountId], LedgerCurrency.Cny, cancellationToken);
            lines.Add(new LedgerLine(sale.AccountId, LedgerEntryKind.TopUp, sale.MoneyFen, sale.Number, sale.PackageName) { Currency = LedgerCurrency.Cny });
        }

        ledger.Append(db, balances, money, lines);
    }
}
