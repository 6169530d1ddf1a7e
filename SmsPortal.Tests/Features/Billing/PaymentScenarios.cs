using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Billing;
using SmsPortal.Infrastructure.Billing.Payments;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Billing;

/// <summary>The payment scenarios, written once and run on SQLite and on PostgreSQL.</summary>
internal static class PaymentScenarios
{
    /// <summary>
    /// Order → the sandbox's hosted page → Pay → a Hangfire job POSTs the signed notification over HTTP to the
    /// portal → credits added. Then the very notification the job sent is replayed five times at once: nothing more.
    /// </summary>
    public static async Task SandboxPaymentAddsCreditsOnceThoughReplayedFiveTimesAsync<T>(KestrelPortal<T> host) where T : PortalFactory, new()
    {
        var portal = host.Portal;
        var account = await BillingWorld.NewAccountAsync(portal);
        var package = await BillingWorld.NewPackageAsync(portal, sms: 1000, price: 55m);
        var order = await BillingWorld.NewOrderAsync(portal, account, package);
        var (started, start) = await portal.Service<PaymentService>().StartAsync(order.Id, account, SandboxGateway.GatewayName, CancellationToken.None);
        Assert.True(started.Ok, started.Error);

        using var browser = host.CreateHttpClient();
        var page = await Forms.TextOfAsync(await browser.GetAsync(start!.RedirectUrl));
        Assert.Contains("55.00", page, StringComparison.Ordinal);
        Assert.Contains(order.Number, page, StringComparison.Ordinal);
        var paid = await Forms.SubmitAsync(browser, start.RedirectUrl!, "sandbox-pay", new Dictionary<string, string> { ["Outcome"] = "pay" });
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.StartsWith("/console/billing?order=" + order.Number, new Uri(new Uri(host.BaseUrl), paid.Headers.Location!).PathAndQuery, StringComparison.Ordinal);

        await Eventually.HoldsAsync(async () => await BillingWorld.StatusAsync(portal, order.Id) == OrderStatus.Paid, "the order is paid by the notification");
        Assert.Equal(1000, await BillingWorld.BalanceAsync(portal, account));

        var delivered = await portal.QueryAsync(db => db.PaymentNotifications.SingleAsync(n => n.OrderId == order.Id));
        Assert.Equal("Applied", delivered.Outcome);
        var fields = delivered.Raw.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var client = portal.CreateBrowserLikeClient();
        var replies = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => BillingWorld.PostNotificationAsync(client, fields)));

        foreach (var reply in replies)
        {
            // A provider retries until it hears "success"; a replay hears it too, and nothing happens.
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
            Assert.Equal("success", await reply.Content.ReadAsStringAsync());
        }

        Assert.Equal(1000, await BillingWorld.BalanceAsync(portal, account));
        Assert.Equal(1, await BillingWorld.TopUpsAsync(portal, account));
        Assert.Equal(1, await portal.QueryAsync(db => db.Payments.CountAsync(p => p.OrderId == order.Id)));
    }

    /// <summary>The first delivery of a notification arriving five times at once, and five different notifications of one order.</summary>
    public static async Task ConcurrentNotificationsOfOneOrderAddCreditsOnceAsync<T>(KestrelPortal<T> host) where T : PortalFactory, new()
    {
        var portal = host.Portal;
        var sandbox = portal.Service<SandboxGateway>();
        var account = await BillingWorld.NewAccountAsync(portal);
        var package = await BillingWorld.NewPackageAsync(portal, sms: 500, price: 30m);
        var client = portal.CreateBrowserLikeClient();

        var first = await BillingWorld.NewOrderAsync(portal, account, package);
        var same = await sandbox.NotificationAsync(first.Number, "30.00", paid: true, CancellationToken.None);
        var sameReplies = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => BillingWorld.PostNotificationAsync(client, same)));

        var second = await BillingWorld.NewOrderAsync(portal, account, package);
        var distinct = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => sandbox.NotificationAsync(second.Number, "30.00", paid: true, CancellationToken.None)));
        var distinctReplies = await Task.WhenAll(distinct.Select(n => BillingWorld.PostNotificationAsync(client, n)));

        Assert.All(sameReplies.Concat(distinctReplies), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1000, await BillingWorld.BalanceAsync(portal, account));
        Assert.Equal(2, await BillingWorld.TopUpsAsync(portal, account));
        var outcomes = await portal.QueryAsync(db => db.PaymentNotifications.Where(n => n.OrderId == second.Id).Select(n => n.Outcome).ToListAsync());
        Assert.Equal(["AlreadyPaid", "AlreadyPaid", "AlreadyPaid", "AlreadyPaid", "Applied"], outcomes.Order());
    }
}
