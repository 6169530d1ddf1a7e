using System.Net;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Abuse;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Infrastructure.Verify;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Verify;

namespace SmsPortal.Tests.Features.Verify;

/// <summary>
/// The console's Verify page (bUnit on the portal's own services) after real sends through the REST door: each figure of
/// a service's statistics, and the alert an owner sees when SMS pumping closed a range.
/// </summary>
public sealed class VerifyConsoleTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync()
    {
        _portal.Clock = _clock;
        _portal.Settings["Abuse:PumpingThreshold"] = "3";
        // Receipts at once: the simulator waits on the portal's clock, which this test moves by hand.
        _portal.Settings["Channels:Simulator:ReceiptDelayMilliseconds"] = "0";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task TheStatisticsCountStartedDeliveredApprovedExpiredAndBlocked()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 100, verified: true, paid: true);
        Assert.True((await _portal.Service<AccountCountries>().SetAsync(account.Id, "86", CancellationToken.None)).Saved);
        var api = VerifyRestClient.For(_portal, account.ApiId, account.ApiKey);
        var service = await api.CreateServiceAsync(new { name = "Login" });

        // Three codes: one approved, one whose SMS fails (the simulator's 0000 numbers) and one never checked; one refused.
        var mobile = "1371" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture) + "123";
        var (_, approvedSms, code) = await api.StartAndReadAsync(service, mobile);
        var undelivered = "1372" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture) + "0000";
        var (_, failedSms, _) = await api.StartAndReadAsync(service, undelivered);
        var (_, unusedSms, _) = await api.StartAndReadAsync(service, "1373" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture) + "456");
        var refused = await api.StartAsync(service, "+85291234567");
        await _portal.MessageWhenAsync(approvedSms, m => m.Status == MessageStatus.Delivered);
        await _portal.MessageWhenAsync(unusedSms, m => m.Status == MessageStatus.Delivered);
        await _portal.MessageWhenAsync(failedSms, m => m.Status == MessageStatus.Failed);
        Assert.Equal(HttpStatusCode.OK, (await api.CheckAsync(service, mobile, code)).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(11));

        await using var context = Page(account.Id);
        var page = context.Render<VerifyPage>("[data-testid=stat-started]");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("3", page.Find("[data-testid=stat-started]").TextContent);
        Assert.Equal("2", page.Find("[data-testid=stat-delivered]").TextContent);
        Assert.Equal("1", page.Find("[data-testid=stat-approved]").TextContent);
        Assert.Matches(@"^33\s?%$", page.Find("[data-testid=stat-conversion]").TextContent);
        Assert.Equal("2", page.Find("[data-testid=stat-expired]").TextContent);
        Assert.Equal("1", page.Find("[data-testid=stat-blocked]").TextContent);
    }

    [Fact]
    public async Task APumpingBlockShowsAsAnAlertToTheOwnerOnTheVerifyPage()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 100, verified: true, paid: true);
        var api = VerifyRestClient.For(_portal, account.ApiId, account.ApiKey);
        var service = await api.CreateServiceAsync(new { name = "Sign-up" });
        var range = "1397" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await api.StartAsync(service, range + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))).StatusCode);
        }

        await using var context = Page(account.Id);
        var page = context.Render<VerifyPage>("[data-testid=pumping-alert]");

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Forbidden], answers);
        Assert.Contains("+86" + range + "xxxx", page.Find("[data-testid=pumping-alert]").TextContent, StringComparison.Ordinal);
    }

    private ConsolePageContext Page(int accountId)
    {
        var context = new ConsolePageContext(accountId,
            _portal.Service<SendingProfiles>(), _portal.Service<VerifyServiceCatalog>(), _portal.Service<RangeBlocks>(), _portal.Service<AbuseRefusals>(),
            _portal.Service<Verifications>(), _portal.Service<VerifyStatistics>());
        context.Context.Services.AddSingleton<TimeProvider>(_clock);
        return context;
    }
}
