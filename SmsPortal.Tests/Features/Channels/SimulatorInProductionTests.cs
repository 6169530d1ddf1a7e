using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Channels;

/// <summary>The built-in simulator is a Development default: a production install without a channel keeps messages waiting and says so.</summary>
public sealed class SimulatorInProductionTests
{
    /// <summary>A production portal that can make channels of the test type "Scripted".</summary>
    private static ProductionPortalFactory WithScriptedChannels()
    {
        var portal = new ProductionPortalFactory();
        ScriptedChannels.Register(portal, new ScriptedChannels());
        return portal;
    }

    private static async Task<(HttpStatusCode Code, string Status, string Check, string Description)> HealthAsync(PortalFactory portal)
    {
        var response = await portal.CreateClient().GetAsync("/health");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var check = body.RootElement.GetProperty("checks").GetProperty("channels");
        return (response.StatusCode, body.RootElement.GetProperty("status").GetString()!, check.GetProperty("status").GetString()!, check.GetProperty("description").GetString()!);
    }

    private static async Task<(string Check, string Description, string Dashboard)> HealthAndDashboardAsync(PortalFactory portal)
    {
        var (_, _, check, description) = await HealthAsync(portal);
        return (check, description, await Forms.TextOfAsync(await (await AdminAsync(portal)).GetAsync("/admin")));
    }

    private static async Task<HttpClient> AdminAsync(PortalFactory portal)
    {
        var client = portal.CreateBrowserLikeClient();
        var signedIn = await People.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    [Fact]
    public async Task AProductionInstallWithoutAChannelKeepsAnAcceptedMessageWaitingAndUncharged()
    {
        await using var portal = new ProductionPortalFactory();
        var account = await TestAccounts.CreateAsync(portal, credits: 10);
        var api = new VendorClient(portal.CreateClient());

        var answer = await api.SubmitAsync(account.ApiId, account.ApiKey, "13800138001", "2468", "1");

        Assert.Equal(2, answer.Code);
        // The dispatcher has looked at it and found nowhere to send it: it waits, it is not delivered.
        var message = await portal.MessageWhenAsync(answer.SmsId!, m => m.NextAttemptAt is not null);
        Assert.Equal(MessageStatus.Accepted, message.Status);
        Assert.Equal("no channel for this message", message.UpstreamStatus);
        Assert.Null(message.Channel);
        Assert.Null(message.UpstreamId);
        var kinds = await portal.QueryAsync(db => db.LedgerEntries.Where(e => e.AccountId == account.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Assert.Equal([LedgerEntryKind.Adjustment, LedgerEntryKind.Reserve], kinds);
    }

    [Fact]
    public async Task AProductionInstallWithoutAChannelSaysSoOnHealthAndStaysInTheLoadBalancer()
    {
        await using var portal = new ProductionPortalFactory();

        var (code, status, check, description) = await HealthAsync(portal);

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Degraded", status);
        Assert.Equal("Degraded", check);
        Assert.StartsWith("no channel is configured: messages wait", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProductionInstallWithoutAChannelWarnsTheAdminOnTheDashboardInBothLanguages()
    {
        await using var portal = new ProductionPortalFactory();
        var admin = await AdminAsync(portal);

        var english = await Forms.TextOfAsync(await admin.GetAsync("/admin"));
        admin.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Dzh-CN%7Cuic%3Dzh-CN");
        var chinese = await Forms.TextOfAsync(await admin.GetAsync("/admin"));

        Assert.Contains("No channel is configured: messages wait", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Traffic goes to the simulator", english, StringComparison.Ordinal);
        Assert.Contains("未配置任何通道：短信将等待发送", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProductionInstallWithTheSimulatorEnabledDeliversThroughItAndWarnsThatNothingLeaves()
    {
        await using var portal = new ProductionPortalFactory();
        portal.Settings["Channels:Simulator:Enabled"] = "true";
        portal.Settings["Channels:Simulator:ReceiptDelayMilliseconds"] = "100";
        var account = await TestAccounts.CreateAsync(portal, credits: 10);
        var api = new VendorClient(portal.CreateClient());

        var answer = await api.SubmitAsync(account.ApiId, account.ApiKey, "13800138002", "2468", "1");

        Assert.Equal(2, answer.Code);
        var message = await portal.MessageWhenAsync(answer.SmsId!, m => m.Status == MessageStatus.Delivered);
        Assert.Equal("simulator", message.Channel);
        Assert.Equal(9, await portal.CheckedBalanceAsync(account.Id));
        var (check, description, dashboard) = await HealthAndDashboardAsync(portal);
        Assert.Equal("Healthy", check);
        Assert.Equal("traffic goes to the simulator (simulator): no message leaves this machine", description);
        Assert.Contains("Traffic goes to the simulator: no message leaves this machine", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("No channel is configured", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InDevelopmentTheSimulatorTakesTrafficAndHealthSaysSo()
    {
        await using var portal = new PortalFactory();

        var (_, status, check, description) = await HealthAsync(portal);

        Assert.Equal("Healthy", status);
        Assert.Equal("Healthy", check);
        Assert.Equal("traffic goes to the simulator (simulator): no message leaves this machine", description);
    }

    [Fact]
    public async Task AChannelThatNoRouteReachesWhileTheDefaultSimulatorIsOffIsReportedAsWaiting()
    {
        await using var portal = WithScriptedChannels();
        portal.Settings["Channels:upstream:Type"] = "Scripted";
        portal.Settings["Channels:upstream:Prefixes"] = "139";

        var (check, description, dashboard) = await HealthAndDashboardAsync(portal);

        Assert.Equal("Degraded", check);
        Assert.StartsWith("messages that no route matches wait: the default channel 'simulator' is not enabled", description, StringComparison.Ordinal);
        Assert.Contains("Messages that no route matches wait: the default channel 'simulator' is not enabled", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWebOnlyNodeReportsTheChannelsSavedInTheDatabaseThoughItStartsNone()
    {
        await using var portal = WithScriptedChannels();
        portal.Settings["Node:Roles"] = "Web";
        portal.Settings["Dispatch:DefaultChannel"] = "upstream";
        var saved = await portal.Service<SmsPortal.Web.Features.Channels.ChannelAdministration>()
            .SaveChannelAsync(null, new SmsPortal.Web.Features.Channels.ChannelInput("upstream", "Scripted", """{ "Up": false }""", true), "test", CancellationToken.None);
        Assert.True(saved.Ok);

        var (check, description, dashboard) = await HealthAndDashboardAsync(portal);

        Assert.Equal("Healthy", check);
        Assert.Equal("channels: upstream", description);
        Assert.DoesNotContain("No channel is configured", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("simulator", dashboard, StringComparison.OrdinalIgnoreCase);
        Assert.Null(portal.Service<ChannelRegistry>().Find("simulator"));
    }
}
