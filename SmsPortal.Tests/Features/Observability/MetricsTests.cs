using System.Globalization;
using SmsPortal.Domain.Review;
using SmsPortal.Tests.Infrastructure.Smpp.Server;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Observability;

/// <summary>/metrics read as Prometheus reads it while messages go the whole path: every number moves by what was sent.</summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsTests(MetricsPortal fixture) : IClassFixture<MetricsPortal>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public Task VendorApiSendsMoveTheCountersLatenciesReceiptsAndPushesByWhatWasSent() => VendorApiSendsAsync(fixture);

    /// <summary>Three accepted, three refused (406, 405, 404) through the vendor API, each counted once where it happened.</summary>
    internal static async Task VendorApiSendsAsync(MetricsPortal fixture)
    {
        var portal = fixture.Portal;
        var account = await TestAccounts.CreateAsync(portal, credits: 100, verified: true, paid: true);
        await TestAccounts.SetAsync(portal, account.Id, a => a.ReceiptPushUrl = fixture.Receiver.Url);
        var before = await fixture.ScrapeAsync();
        var api = new VendorClient(portal.CreateClient());

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(2, (await api.SubmitAsync(account.ApiId, account.ApiKey, "1391000" + (2000 + i).ToString(CultureInfo.InvariantCulture), "1234", "1")).Code);
        }

        Assert.Equal(406, (await api.SubmitAsync(account.ApiId, account.ApiKey, "12345", "1234", "1")).Code);
        Assert.Equal(405, (await api.SubmitAsync(account.ApiId, "wrong-key-0123456789abcdef012345", "13910003000", "1234", "1")).Code);
        Assert.Equal(404, (await api.SubmitAsync(account.ApiId, account.ApiKey, "13910003001")).Code);

        PrometheusText after = before;
        await Eventually.HoldsAsync(
            async () => Delta(after = await fixture.ScrapeAsync(), before, "smsportal_pushes_total", ("kind", "receipt"), ("outcome", "delivered")) >= 3,
            () => "three receipt pushes are counted:\n" + after.Text,
            TimeSpan.FromSeconds(60));

        Assert.Equal(3, Delta(after, before, "smsportal_submissions_accepted_total", ("door", "vendor_api")));
        Assert.Equal(1, Delta(after, before, "smsportal_submissions_refused_total", ("door", "vendor_api"), ("code", "406")));
        Assert.Equal(1, Delta(after, before, "smsportal_submissions_refused_total", ("door", "vendor_api"), ("code", "405")));
        Assert.Equal(1, Delta(after, before, "smsportal_submissions_refused_total", ("door", "vendor_api"), ("code", "404")));
        Assert.Equal(3, Delta(after, before, "smsportal_submissions_refused_total", ("door", "vendor_api")));
        Assert.Equal(3, Delta(after, before, "smsportal_dispatch_results_total", ("channel", "upstream"), ("result", "submitted")));
        Assert.Equal(3, Delta(after, before, "smsportal_accept_to_submit_duration_seconds_count", ("channel", "upstream")));
        Assert.Equal(3, Delta(after, before, "smsportal_receipts_total", ("status", "delivered")));
        Assert.Equal(3, Delta(after, before, "smsportal_accept_to_receipt_duration_seconds_count", ("status", "delivered")));
        Assert.Equal(3, Delta(after, before, "smsportal_pushes_total", ("kind", "receipt"), ("outcome", "delivered")));

        // Latencies are real times: all three took less than a minute from acceptance to their receipt, none took nothing.
        Assert.Equal(3, Delta(after, before, "smsportal_accept_to_receipt_duration_seconds_bucket", ("status", "delivered"), ("le", "60")));
        Assert.True(Delta(after, before, "smsportal_accept_to_receipt_duration_seconds_sum", ("status", "delivered")) > 0);
    }

    [Fact]
    public async Task AnUndeliveredReceiptIsCountedAsFailed()
    {
        var account = await TestAccounts.CreateAsync(Portal, credits: 10, verified: true, paid: true);
        var before = await fixture.ScrapeAsync();

        // smsc.js receipts numbers ending in 0000 as UNDELIV.
        Assert.Equal(2, (await new VendorClient(Portal.CreateClient()).SubmitAsync(account.ApiId, account.ApiKey, "13912340000", "1234", "1")).Code);

        PrometheusText after = before;
        await Eventually.HoldsAsync(
            async () => Delta(after = await fixture.ScrapeAsync(), before, "smsportal_receipts_total", ("status", "failed")) >= 1,
            () => "the failed receipt is counted:\n" + after.Text,
            TimeSpan.FromSeconds(60));
        Assert.Equal(1, Delta(after, before, "smsportal_receipts_total", ("status", "failed")));
        Assert.Equal(1, Delta(after, before, "smsportal_accept_to_receipt_duration_seconds_count", ("status", "failed")));
        Assert.Equal(0, Delta(after, before, "smsportal_receipts_total", ("status", "delivered")));
    }

    [Fact]
    public async Task SmppBindsAndTheirSubmitsAreCountedUnderTheSmppDoor()
    {
        var account = await TestAccounts.CreateAsync(Portal, credits: 100, verified: true, paid: true, signatures: ["Acme"],
            templates: [("code", "Your code is 【code】, valid for 5 minutes.", TemplateKind.VerificationCode)]);
        var before = await fixture.ScrapeAsync();

        var (exitCode, output) = await SmppServerPortal.NodeAsync("esme.js", "--host", "127.0.0.1", "--port", fixture.SmppPort.ToString(CultureInfo.InvariantCulture),
            "--system-id", account.ApiId, "--password", account.ApiKey, "--count", "2", "--to", "1391234", "--text", "【Acme】Your code is 4821, valid for 5 minutes.", "--wait-ms", "20000", "--window", "2");
        Assert.True(exitCode == 0, output);
        var (refusedExit, refusedOutput) = await SmppServerPortal.NodeAsync("esme.js", "--host", "127.0.0.1", "--port", fixture.SmppPort.ToString(CultureInfo.InvariantCulture),
            "--system-id", account.ApiId, "--password", "wrong", "--count", "1", "--to", "1391234", "--text", "x", "--wait-ms", "1000");
        Assert.True(refusedExit != 0, refusedOutput);

        var after = await fixture.ScrapeAsync();
        Assert.Equal(1, Delta(after, before, "smsportal_smpp_binds_total", ("outcome", "bound")));
        Assert.Equal(1, Delta(after, before, "smsportal_smpp_binds_total", ("outcome", "refused")));
        Assert.Equal(2, Delta(after, before, "smsportal_submissions_accepted_total", ("door", "smpp")));
        Assert.Equal(0, Delta(after, before, "smsportal_submissions_accepted_total", ("door", "vendor_api")));
    }

    [Fact]
    public async Task ChannelsQueuesJobsAndHealthAreShownAsGauges()
    {
        PrometheusText metrics = null!;
        await Eventually.HoldsAsync(
            async () => (metrics = await fixture.ScrapeAsync()).Has("smsportal_health", ("check", "database")),
            () => "the health checks' results are published:\n" + metrics.Text,
            TimeSpan.FromSeconds(30));

        Assert.Equal(1, metrics.Sum("smsportal_channel_up", ("channel", "upstream")));
        Assert.Equal(1, metrics.Sum("smsportal_channel_state", ("channel", "upstream"), ("state", "bound")));
        Assert.Equal(10, metrics.Sum("smsportal_channel_window_size", ("channel", "upstream")));
        Assert.True(metrics.Has("smsportal_channel_window_in_use", ("channel", "upstream")));
        foreach (var queue in new[] { "acceptance", "outbox", "dispatch", "receipts", "push_outbox", "push_ready" })
        {
            Assert.True(metrics.Has("smsportal_queue_" + queue), "smsportal_queue_" + queue);
        }

        Assert.Equal(2, metrics.Sum("smsportal_health", ("check", "database")));
        Assert.Equal(2, metrics.Sum("smsportal_health", ("check", "jobs")));
        foreach (var state in new[] { "enqueued", "scheduled", "processing", "failed" })
        {
            Assert.True(metrics.Has("smsportal_jobs", ("state", state)), state);
        }

        Assert.True(metrics.Sum("smsportal_jobs", ("state", "servers")) >= 1);
        Assert.Equal(0, metrics.Sum("smsportal_smpp_sessions"));
    }

    [Fact]
    public async Task TheOutboxGaugeCountsMessagesWaitingForAChannel()
    {
        var registry = Portal.Service<SmsPortal.Infrastructure.Channels.ChannelRegistry>();
        var account = await TestAccounts.CreateAsync(Portal, credits: 10, verified: true, paid: true);
        await fixture.Smsc.KillAsync();
        try
        {
            await Eventually.HoldsAsync(() => Task.FromResult(registry.Find("upstream")?.Status.Up == false), "the channel sees its SMSC gone");
            var api = new VendorClient(Portal.CreateClient());
            Assert.Equal(2, (await api.SubmitAsync(account.ApiId, account.ApiKey, "13910004000", "1234", "1")).Code);
            Assert.Equal(2, (await api.SubmitAsync(account.ApiId, account.ApiKey, "13910004001", "1234", "1")).Code);

            PrometheusText metrics = null!;
            await Eventually.HoldsAsync(
                async () => (metrics = await fixture.ScrapeAsync()).Sum("smsportal_queue_outbox") >= 2 && metrics.Sum("smsportal_channel_up", ("channel", "upstream")) == 0,
                () => "the two messages wait in the outbox and the channel shows down:\n" + metrics.Text,
                TimeSpan.FromSeconds(30));
        }
        finally
        {
            await fixture.Smsc.StartAgainAsync();
        }

        await Eventually.HoldsAsync(async () => (await fixture.ScrapeAsync()).Sum("smsportal_queue_outbox") == 0, "the outbox empties once the SMSC is back", TimeSpan.FromSeconds(60));
    }

    private static double Delta(PrometheusText after, PrometheusText before, string name, params (string, string)[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);
}
