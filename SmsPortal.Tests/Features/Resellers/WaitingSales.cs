using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Tests.Features.Billing;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Resellers;

/// <summary>
/// Sales a reseller was short for ("Paid, credits on the way") are delivered whenever credits come into its balance, not
/// only by its paid top-up: an admin's adjustment and credits taken back from a customer deliver them too, oldest first,
/// as far as the balance goes, in that credit's own transaction (they are delivered when the call returns). A debit
/// delivers nothing. Run on SQLite and on PostgreSQL.
/// </summary>
internal static class WaitingSales
{
    public static async Task RunAsync(PortalFactory portal)
    {
        var none = CancellationToken.None;
        var (reseller, _) = await ResellerWorld.NewResellerAsync(portal, 0);
        var api = ResellerWorld.Api(portal, reseller);
        var first = await SellingWorld.CustomerAsync(portal, reseller.Id, "Waiting First");
        var second = await SellingWorld.CustomerAsync(portal, reseller.Id, "Waiting Second");
        var package = await SellingWorld.ResellerPackageAsync(portal, reseller.Id, 300, 20m, "Waiting");
        var client = portal.CreateBrowserLikeClient();
        var oldest = await SellingWorld.BuyAsync(portal, client, first.Id, package);
        var middle = await SellingWorld.BuyAsync(portal, client, second.Id, package);
        var newest = await SellingWorld.BuyAsync(portal, client, first.Id, package);
        Assert.Equal(new[] { true, true, true }, await AwaitingAsync(portal, oldest, middle, newest));
        var adjustments = portal.Service<AdjustmentService>();

        // 400 in: the oldest (300) goes, 100 is short of the next.
        Assert.True((await adjustments.AdjustAsync(reseller.ApiId, 400, "credit by hand", BillingWorld.Admin, none)).Ok);
        Assert.Equal(new[] { false, true, true }, await AwaitingAsync(portal, oldest, middle, newest));
        Assert.Equal((100L, 300L, 0L), await BalancesAsync(portal, reseller.Id, first.Id, second.Id));

        // Taken back from the first customer: 100 + 250 delivers the second customer's sale, 50 is left.
        var taken = await api.TakeBackAsync(first.ApiId, 250, "unused");
        Assert.True(taken.Status == HttpStatusCode.OK, taken.ToString());
        Assert.Equal(new[] { false, false, true }, await AwaitingAsync(portal, oldest, middle, newest));
        Assert.Equal((50L, 50L, 300L), await BalancesAsync(portal, reseller.Id, first.Id, second.Id));

        // Credits taken out by an admin deliver nothing; a transfer to a customer neither.
        Assert.True((await adjustments.AdjustAsync(reseller.ApiId, -10, "correction", BillingWorld.Admin, none)).Ok);
        Assert.Equal(HttpStatusCode.OK, (await api.TransferAsync(second.ApiId, 40, "gift")).Status);
        Assert.Equal(new[] { false, false, true }, await AwaitingAsync(portal, oldest, middle, newest));
        Assert.Equal((0L, 50L, 340L), await BalancesAsync(portal, reseller.Id, first.Id, second.Id));

        // 299 in is short of the last sale by one; one more delivers it.
        Assert.True((await adjustments.AdjustAsync(reseller.ApiId, 299, "almost", BillingWorld.Admin, none)).Ok);
        Assert.True((await AwaitingAsync(portal, newest))[0]);
        Assert.True((await adjustments.AdjustAsync(reseller.ApiId, 1, "enough", BillingWorld.Admin, none)).Ok);
        Assert.Empty(await portal.Service<ResellerCatalogue>().WaitingSalesAsync(reseller.Id, none));
        Assert.Equal((0L, 350L, 340L), await BalancesAsync(portal, reseller.Id, first.Id, second.Id));

        // Each sale moved its SMS once, as a pair of transfers naming its order; every chain holds.
        foreach (var order in new[] { oldest, middle, newest })
        {
            var number = await portal.QueryAsync(db => db.Orders.Where(o => o.Id == order).Select(o => o.Number).SingleAsync());
            var pair = await portal.QueryAsync(db => db.LedgerEntries.Where(e => e.Reference == number && e.Kind == LedgerEntryKind.Transfer).Select(e => e.Amount).OrderBy(a => a).ToListAsync());
            Assert.Equal([-300L, 300L], pair);
        }

        foreach (var account in new[] { reseller.Id, first.Id, second.Id })
        {
            await LedgerChain.AssertChainsAsync(portal, account);
        }
    }

    private static async Task<bool[]> AwaitingAsync(PortalFactory portal, params long[] orders)
    {
        var awaiting = new bool[orders.Length];
        for (var i = 0; i < orders.Length; i++)
        {
            awaiting[i] = await SellingWorld.AwaitingAsync(portal, orders[i]);
        }

        return awaiting;
    }

    private static async Task<(long, long, long)> BalancesAsync(PortalFactory portal, int a, int b, int c) =>
        (await BillingWorld.BalanceAsync(portal, a), await BillingWorld.BalanceAsync(portal, b), await BillingWorld.BalanceAsync(portal, c));
}
