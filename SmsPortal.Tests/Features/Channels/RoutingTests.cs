using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Channels;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Channels;

/// <summary>Routing rules, failover and cost, through the vendor API and the real dispatcher.</summary>
public sealed class RoutingTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private readonly ScriptedChannels _channels = new();

    public Task InitializeAsync()
    {
        ScriptedChannels.Register(_portal, _channels);
        _portal.Settings["Channels:Simulator:ReceiptDelayMilliseconds"] = "100";
        _portal.Settings["Channels:fast:Type"] = "Scripted";
        _portal.Settings["Channels:down:Type"] = "Scripted";
        _portal.Settings["Channels:down:Up"] = "false";
        _portal.Settings["Channels:refuses:Type"] = "Scripted";
        _portal.Settings["Channels:refuses:Answer"] = "Rejected";
        _portal.Settings["Channels:busy:Type"] = "Scripted";
        _portal.Settings["Channels:busy:Answer"] = "TryLater";
        _portal.Settings["Channels:early:Type"] = "Scripted";
        _portal.Settings["Channels:early:ReceiptFirst"] = "true";
        _portal.Settings["Channels:declared:Type"] = "Scripted";
        _portal.Settings["Channels:declared:Prefixes"] = "150, 151";
        _portal.Settings["Channels:declared:Priority"] = "5";
        _portal.Settings["Channels:declared:CostPerPart"] = "0.03";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task APrefixRouteTakesItsNumbersAndRecordsItsCostOthersTakeTheDefaultChannel()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 10);
        await RoutesAsync(new Route { Channel = "fast", Prefix = "139", CostPerPart = 0.035m });

        var routed = await SubmitAsync(account, "13912345678");
        var other = await SubmitAsync(account, "13812345678");

        var first = await _portal.MessageWhenAsync(routed, m => m.Status == MessageStatus.Submitted);
        Assert.Equal("fast", first.Channel);
        Assert.Equal(0.035m, first.UpstreamCost);
        var second = await _portal.MessageWhenAsync(other, m => m.Status == MessageStatus.Delivered);
        Assert.Equal("simulator", second.Channel);
        Assert.Null(second.UpstreamCost);
        Assert.DoesNotContain(_channels.Handed, h => h.Message.Mobile == "13812345678");
    }

    [Fact]
    public async Task RoutesOfOneAccountOrOneNetworkApplyOnlyToThem()
    {
        var mine = await TestAccounts.CreateAsync(_portal, credits: 10);
        var theirs = await TestAccounts.CreateAsync(_portal, credits: 10);
        await RoutesAsync(
            new Route { Channel = "fast", AccountId = mine.Id, Carrier = Carrier.ChinaUnicom, CostPerPart = 0.02m });

        var unicomMine = await SubmitAsync(mine, "13012345678");
        var mobileMine = await SubmitAsync(mine, "13512345678");
        var unicomTheirs = await SubmitAsync(theirs, "13012345679");

        Assert.Equal("fast", (await _portal.MessageWhenAsync(unicomMine, m => m.Channel != null)).Channel);
        Assert.Equal("simulator", (await _portal.MessageWhenAsync(mobileMine, m => m.Channel != null)).Channel);
        Assert.Equal("simulator", (await _portal.MessageWhenAsync(unicomTheirs, m => m.Channel != null)).Channel);
    }

    [Fact]
    public async Task WhenTheFirstChannelIsDownTheNextRouteTakesTheMessage()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 10);
        await RoutesAsync(
            new Route { Channel = "down", Priority = 1, CostPerPart = 0.01m },
            new Route { Channel = "fast", Priority = 2, CostPerPart = 0.04m });

        var smsId = await SubmitAsync(account, "13800138001");

        var message = await _portal.MessageWhenAsync(smsId, m => m.Status == MessageStatus.Submitted);
        Assert.Equal("fast", message.Channel);
        Assert.Equal(0.04m, message.UpstreamCost);
        Assert.Contains("down: down (scripted)", message.UpstreamStatus, StringComparison.Ordinal);
        Assert.DoesNotContain(_channels.Handed, h => h.Channel == "down");
    }

    [Fact]
    public async Task ARefusalFailsOverAndARefusalEverywhereFailsTheMessageAndRefundsIt()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 10);
        await RoutesAsync(
            new Route { Channel = "refuses", Prefix = "138", Priority = 1 },
            new Route { Channel = "fast", Prefix = "138", Priority = 2 },
            new Route { Channel = "refuses", Prefix = "137", Priority = 1 });

        var overToFast = await SubmitAsync(account, "13800138002");
        var refused = await SubmitAsync(account, "13700137002");

        var first = await _portal.MessageWhenAsync(overToFast, m => m.Status == MessageStatus.Submitted);
        Assert.Equal("fast", first.Channel);
        Assert.Contains("refuses: refuses answered Rejected", first.UpstreamStatus, StringComparison.Ordinal);
        var second = await _portal.MessageWhenAsync(refused, m => m.Status == MessageStatus.Failed);
        Assert.Equal("refuses", second.Channel);
        await Eventually.HoldsAsync(async () => await _portal.CheckedBalanceAsync(account.Id) == 9, "one message charged, the refused one refunded");
        var kinds = await _portal.QueryAsync(db => db.LedgerEntries.Where(e => e.AccountId == account.Id && e.Kind == LedgerEntryKind.Refund).CountAsync());
        Assert.Equal(1, kinds);
    }

    [Fact]
    public async Task WhenEveryChannelIsDownTheMessageWaitsWithoutUsingItsAttempts()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 10);
        await RoutesAsync(new Route { Channel = "down", Priority = 1 });

        var smsId = await SubmitAsync(account, "13800138003");

        var message = await _portal.MessageWhenAsync(smsId, m => m.NextAttemptAt != null);
        Assert.Equal(MessageStatus.Accepted, message.Status);
        Assert.Equal(0, message.DispatchAttempts);
        Assert.Contains("down (scripted)", message.UpstreamStatus, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABusyChannelMakesTheMessageWaitAndCountsTheAttempt()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 10);
        await RoutesAsync(new Route { Channel = "busy", Priority = 1 });

        var smsId = await SubmitAsync(account, "13800138004");

        var message = await _portal.MessageWhenAsync(smsId, m => m.NextAttemptAt != null);
        Assert.Equal(MessageStatus.Accepted, message.Status);
        Assert.Equal(1, message.DispatchAttempts);
    }

    [Fact]
    public async Task AReceiptThatArrivesBeforeDispatchStoredTheUpstreamIdStillSettlesTheMessage()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 10);
        await RoutesAsync(new Route { Channel = "early" });

        var smsId = await SubmitAsync(account, "13800138005");

        var message = await _portal.MessageWhenAsync(smsId, m => m.Status == MessageStatus.Delivered);
        Assert.Equal("early", message.Channel);
        Assert.Equal(9, await _portal.CheckedBalanceAsync(account.Id));
    }

    [Fact]
    public async Task PrefixesDeclaredBesideAConfiguredChannelRouteToIt()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 10);
        await RoutesAsync();

        var declared = await _portal.MessageWhenAsync(await SubmitAsync(account, "15112345678"), m => m.Status == MessageStatus.Submitted);
        var other = await _portal.MessageWhenAsync(await SubmitAsync(account, "15212345678"), m => m.Channel != null);

        Assert.Equal("declared", declared.Channel);
        Assert.Equal(0.03m, declared.UpstreamCost);
        Assert.Equal("simulator", other.Channel);
        Assert.Contains(_portal.Service<ChannelRegistry>().Routes, r => r is { Channel: "declared", Prefix: "150", Priority: 5 } && r.Id < 0);
    }

    [Theory]
    [InlineData("Channels:bad:Type", "Nope", "Channels:bad:Type: 'Nope' is not a channel type")]
    [InlineData("Channels:bad:Prefixes", "13x", "Channels:bad:Prefixes: '13x' is not a number prefix")]
    [InlineData("Channels:bad:Answer", "Maybe", "Answer must be Accepted, Rejected, TryLater or Unknown, not 'Maybe'")]
    public async Task AChannelDeclaredWithWrongSettingsStopsTheStartAndSaysWhy(string key, string value, string expected)
    {
        await using var portal = new PortalFactory();
        ScriptedChannels.Register(portal, new ScriptedChannels());
        portal.Settings["Channels:bad:Type"] = "Scripted";
        portal.Settings[key] = value;

        var failure = Assert.ThrowsAny<Exception>(() => portal.CreateClient());

        Assert.Contains(expected, failure.ToString(), StringComparison.Ordinal);
        Assert.Contains("Channel 'bad'", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRegistryListsTheBuiltInAndTheDeclaredChannels()
    {
        _ = _portal.CreateClient();
        var registry = _portal.Service<ChannelRegistry>();
        await registry.Loaded;

        var entries = registry.Entries;

        Assert.Contains(entries, e => e is { Name: "simulator", Source: ChannelSource.BuiltIn, Type: "Simulator" });
        Assert.Contains(entries, e => e is { Name: "fast", Source: ChannelSource.Configuration, Type: "Scripted" } && e.Channel is not null);
        Assert.False(registry.Find("down")!.Status.Up);
    }

    private Task RoutesAsync(params Route[] routes) => TestRoutes.AddAsync(_portal, routes);

    private async Task<string> SubmitAsync(TestAccounts.Made account, string mobile)
    {
        var answer = await new VendorClient(_portal.CreateClient()).SubmitAsync(account.ApiId, account.ApiKey, mobile, "2468", "1");
        Assert.Equal(2, answer.Code);
        return answer.SmsId!;
    }
}
