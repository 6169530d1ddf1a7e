using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Billing;
using SmsPortal.Infrastructure.Billing.Payments;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Billing;

public sealed class PaymentNotificationTests(SqliteKestrelPortal host) : IClassFixture<SqliteKestrelPortal>
{
    private PortalFactory Portal => host.Portal;

    [Fact]
    public Task ASandboxPaymentAddsCreditsExactlyOnceThoughTheNotificationIsReplayedFiveTimes() =>
        PaymentScenarios.SandboxPaymentAddsCreditsOnceThoughReplayedFiveTimesAsync(host);

    [Fact]
    public Task ConcurrentNotificationsOfOneOrderAddCreditsOnce() =>
        PaymentScenarios.ConcurrentNotificationsOfOneOrderAddCreditsOnceAsync(host);

    [Fact]
    public async Task AForgedSignatureIsRefusedAndChangesNothing()
    {
        var (account, order) = await PendingOrderAsync(price: 88m);
        var genuine = await Portal.Service<SandboxGateway>().NotificationAsync(order.Number, "88.00", paid: true, CancellationToken.None);
        var tampered = genuine.ToDictionary();
        tampered["sign"] = new string('0', 64);
        var selfSigned = genuine.ToDictionary();
        selfSigned["sign"] = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("not-the-secret-of-this-portal"u8, System.Text.Encoding.UTF8.GetBytes(SandboxGateway.Canonical(genuine))));
        var unsigned = genuine.Where(f => f.Key != "sign").ToDictionary();

        foreach (var forged in new[] { tampered, selfSigned, unsigned })
        {
            var reply = await BillingWorld.PostNotificationAsync(Portal.CreateBrowserLikeClient(), forged);
            Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
            Assert.StartsWith("refused", await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(OrderStatus.Pending, await BillingWorld.StatusAsync(Portal, order.Id));
        Assert.Equal(0, await BillingWorld.BalanceAsync(Portal, account));
        Assert.Equal(0, await Portal.QueryAsync(db => db.PaymentNotifications.CountAsync(n => n.NotificationId == genuine["notify_id"])));
    }

    [Theory]
    [InlineData("8.80")]
    [InlineData("0.01")]
    [InlineData("880.00")]
    [InlineData("-88.00")]
    public async Task ANotificationWhoseAmountDiffersFromTheOrderIsRefused(string amount)
    {
        var (account, order) = await PendingOrderAsync(price: 88m);
        var wrong = await Portal.Service<SandboxGateway>().NotificationAsync(order.Number, amount, paid: true, CancellationToken.None);

        var reply = await BillingWorld.PostNotificationAsync(Portal.CreateBrowserLikeClient(), wrong);

        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
        Assert.Equal(OrderStatus.Pending, await BillingWorld.StatusAsync(Portal, order.Id));
        Assert.Equal(0, await BillingWorld.BalanceAsync(Portal, account));
        Assert.Equal(0, await Portal.QueryAsync(db => db.Payments.CountAsync(p => p.OrderId == order.Id)));
    }

    [Fact]
    public async Task AStaleNotificationIsRefused()
    {
        var (account, order) = await PendingOrderAsync(price: 10m);
        var sandbox = Portal.Service<SandboxGateway>();
        var fresh = await sandbox.NotificationAsync(order.Number, "10.00", paid: true, CancellationToken.None);
        var old = fresh.ToDictionary();
        old["timestamp"] = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var reply = await BillingWorld.PostNotificationAsync(Portal.CreateBrowserLikeClient(), await sandbox.WithSignatureAsync(old, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
        Assert.Contains("window", await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await BillingWorld.BalanceAsync(Portal, account));
    }

    [Fact]
    public async Task AFailedPaymentLeavesTheOrderPendingAndItCanStillBePaid()
    {
        var (account, order) = await PendingOrderAsync(price: 10m);
        var sandbox = Portal.Service<SandboxGateway>();
        var client = Portal.CreateBrowserLikeClient();

        var failed = await BillingWorld.PostNotificationAsync(client, await sandbox.NotificationAsync(order.Number, "10.00", paid: false, CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Equal(OrderStatus.Pending, await BillingWorld.StatusAsync(Portal, order.Id));

        var paid = await BillingWorld.PostNotificationAsync(client, await sandbox.NotificationAsync(order.Number, "10.00", paid: true, CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal(OrderStatus.Paid, await BillingWorld.StatusAsync(Portal, order.Id));
        Assert.Equal(1000, await BillingWorld.BalanceAsync(Portal, account));
    }

    [Fact]
    public async Task APayLinkWithAChangedAmountShowsNoPayButton()
    {
        var (account, order) = await PendingOrderAsync(price: 200m);
        var (_, start) = await Portal.Service<PaymentService>().StartAsync(order.Id, account, SandboxGateway.GatewayName, CancellationToken.None);

        var page = await Forms.TextOfAsync(await Portal.CreateBrowserLikeClient().GetAsync(start!.RedirectUrl!.Replace("amount=200.00", "amount=0.01", StringComparison.Ordinal)));

        Assert.Contains("This payment link is not valid", page, StringComparison.Ordinal);
        Assert.DoesNotContain("0.01", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACancelledOrderIsNeverCreditedAndAPaidOrderCannotBeCancelled()
    {
        var (account, cancelled) = await PendingOrderAsync(price: 10m);
        Assert.True((await Portal.Service<SmsPortal.Infrastructure.Billing.OrderService>().CancelAsync(cancelled.Id, account, null, CancellationToken.None)).Ok);
        var late = await BillingWorld.PostNotificationAsync(Portal.CreateBrowserLikeClient(), await Portal.Service<SandboxGateway>().NotificationAsync(cancelled.Number, "10.00", paid: true, CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(OrderStatus.Cancelled, await BillingWorld.StatusAsync(Portal, cancelled.Id));
        Assert.Equal(0, await BillingWorld.BalanceAsync(Portal, account));

        var package = await BillingWorld.NewPackageAsync(Portal, sms: 100, price: 5m);
        var paid = await BillingWorld.PaidOrderAsync(Portal, account, package);
        var refund = await Portal.Service<SmsPortal.Infrastructure.Billing.OrderService>().CancelAsync(paid, account, null, CancellationToken.None);
        Assert.Equal("Error.NotRefundable", refund.Error);
        Assert.Equal(100, await BillingWorld.BalanceAsync(Portal, account));
    }

    [Fact]
    public async Task ABankTransferIsConfirmedOnceAndItsReferenceCannotPayASecondOrder()
    {
        var (account, order) = await PendingOrderAsync(price: 10m);
        var payments = Portal.Service<PaymentService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => payments.ConfirmTransferAsync(order.Id, "CMB-20261123-0001", BillingWorld.Admin, CancellationToken.None)));
        Assert.Equal(1, results.Count(r => r.Ok));
        Assert.Equal(1000, await BillingWorld.BalanceAsync(Portal, account));

        var (_, other) = await PendingOrderAsync(price: 10m);
        Assert.Equal("Error.TransferReferenceUsed", (await payments.ConfirmTransferAsync(other.Id, "CMB-20261123-0001", BillingWorld.Admin, CancellationToken.None)).Error);
        Assert.Equal("Error.TransferReference", (await payments.ConfirmTransferAsync(other.Id, " ", BillingWorld.Admin, CancellationToken.None)).Error);
        Assert.Equal(OrderStatus.Pending, await BillingWorld.StatusAsync(Portal, other.Id));
        var audit = await Portal.QueryAsync(db => db.BillingAuditEntries.Where(a => a.Subject == order.Number).ToListAsync());
        Assert.Equal(BillingAction.TransferConfirmed, Assert.Single(audit).Action);
    }

    private async Task<(int Account, (long Id, string Number, decimal Amount) Order)> PendingOrderAsync(decimal price)
    {
        var account = await BillingWorld.NewAccountAsync(Portal);
        var package = await BillingWorld.NewPackageAsync(Portal, sms: 1000, price: price);
        return (account, await BillingWorld.NewOrderAsync(Portal, account, package));
    }
}
