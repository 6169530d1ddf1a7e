using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Billing.Invoices;
using SmsPortal.Infrastructure.Billing.Payments;
using SmsPortal.Tests.Features.Billing;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.International;

/// <summary>The top-up of a free amount of money (decision 0034), written once and run on SQLite and on PostgreSQL.</summary>
internal static class MoneyTopUpScenarios
{
    /// <summary>
    /// ¥88.50 ordered → the sandbox's hosted page → Pay → the signed notification over HTTP → the money balance holds
    /// 8,850 fen and no credit came. The same notification replayed five times at once changes nothing; the paid order
    /// can be invoiced like any other.
    /// </summary>
    public static async Task ATopUpPaidThroughTheSandboxAddsMoneyOnceThoughTheNotificationIsReplayedAsync<T>(KestrelPortal<T> host) where T : PortalFactory, new()
    {
        var portal = host.Portal;
        var account = await BillingWorld.NewAccountAsync(portal, "Top-up Co");
        var orders = portal.Service<OrderService>();
        var placed = await orders.PlaceTopUpAsync(account, " 88.50 ", null, CancellationToken.None);
        Assert.True(placed.Ok, placed.Error);
        var order = (await orders.GetAsync(placed.Id!.Value, account, CancellationToken.None))!;
        Assert.Equal(("¥88.50", 88.50m, 0L, OrderStatus.Pending), (order.PackageName, order.Amount, order.Sms, order.Status));

        var (started, start) = await portal.Service<PaymentService>().StartAsync(order.Id, account, SandboxGateway.GatewayName, CancellationToken.None);
        Assert.True(started.Ok, started.Error);
        using var browser = host.CreateHttpClient();
        var page = await Forms.TextOfAsync(await browser.GetAsync(start!.RedirectUrl));
        Assert.Contains("88.50", page, StringComparison.Ordinal);
        var paid = await Forms.SubmitAsync(browser, start.RedirectUrl!, "sandbox-pay", new Dictionary<string, string> { ["Outcome"] = "pay" });
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);

        await Eventually.HoldsAsync(async () => await BillingWorld.StatusAsync(portal, order.Id) == OrderStatus.Paid, "the order is paid by the notification");
        Assert.Equal(8850, await InternationalWorld.MoneyAsync(portal, account));
        Assert.Equal(0, await BillingWorld.BalanceAsync(portal, account));

        var delivered = await portal.QueryAsync(db => db.PaymentNotifications.SingleAsync(n => n.OrderId == order.Id));
        var fields = delivered.Raw.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var client = portal.CreateBrowserLikeClient();
        var replies = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => BillingWorld.PostNotificationAsync(client, fields)));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(8850, await InternationalWorld.MoneyAsync(portal, account));
        var topUps = await portal.QueryAsync(db => db.LedgerEntries.Where(e => e.AccountId == account && e.Kind == LedgerEntryKind.TopUp).Select(e => new { e.Currency, e.Amount, e.Reference }).ToListAsync());
        Assert.Equal([(LedgerCurrency.Cny, 8850L, order.Number)], topUps.Select(t => (t.Currency, t.Amount, t.Reference)));
        Assert.Equal(1, await portal.QueryAsync(db => db.Payments.CountAsync(p => p.OrderId == order.Id)));
        await LedgerChain.AssertChainsAsync(portal, account, LedgerCurrency.Cny);

        var invoice = await portal.Service<InvoiceService>().RequestAsync(account, order.Id, BillingWorld.ChineseCompany(), null, CancellationToken.None);
        Assert.True(invoice.Ok, invoice.Error);
        Assert.Equal(88.50m, await portal.QueryAsync(db => db.Invoices.Where(i => i.OrderId == order.Id).Select(i => i.Amount).SingleAsync()));
    }
}
