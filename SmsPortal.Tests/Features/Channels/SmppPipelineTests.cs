using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Channels;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Infrastructure.Smpp;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Channels;

/// <summary>
/// The whole way out and back through a real SMSC (node's smpp in smsc.js): the vendor API accepts, the router
/// sends over an SMPP channel declared in configuration, the receipt settles the ledger, a handset reply comes
/// back to the account; and when that SMSC is gone the next route takes the traffic.
/// </summary>
public sealed class SmppPipelineTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private readonly PushReceiver _receiver = new();
    private SmscPeer _smsc = null!;

    public async Task InitializeAsync()
    {
        _smsc = await SmscPeer.StartAsync(("SMSC_DLR_DELAY_MS", "100"));
        void Smpp(string name, int port)
        {
            _portal.Settings[$"Channels:{name}:Type"] = "Smpp";
            _portal.Settings[$"Channels:{name}:Host"] = "127.0.0.1";
            _portal.Settings[$"Channels:{name}:Port"] = port.ToString(CultureInfo.InvariantCulture);
            _portal.Settings[$"Channels:{name}:SystemId"] = "portal";
            _portal.Settings[$"Channels:{name}:Password"] = "secret";
            _portal.Settings[$"Channels:{name}:SourceAddress"] = "106900";
            _portal.Settings[$"Channels:{name}:ReconnectMinSeconds"] = "0";
            _portal.Settings[$"Channels:{name}:ReconnectMaxSeconds"] = "1";
        }

        Smpp("smsc", _smsc.SmppPort);
        Smpp("gone", Peers.FreePort());
        _portal.Settings["Dispatch:DefaultChannel"] = "smsc";
        _portal.Settings["Channels:Simulator:ReceiptDelayMilliseconds"] = "100";
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _smsc.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task AMessageLeavesOverSmppIsDeliveredAndTheHandsetsReplyComesBackToTheAccount()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 10);
        await TestAccounts.SetAsync(_portal, account.Id, a => a.ReplyPushUrl = _receiver.Url);
        await WaitBoundAsync("smsc");

        var answer = await new VendorClient(_portal.CreateClient()).SubmitAsync(account.ApiId, account.ApiKey, "13800138041", "5678", "1");
        Assert.Equal(2, answer.Code);

        var message = await _portal.MessageWhenAsync(answer.SmsId!, m => m.Status == MessageStatus.Delivered);
        Assert.Equal("smsc", message.Channel);
        Assert.Contains("stat:DELIVRD", message.UpstreamStatus, StringComparison.Ordinal);
        var sent = Assert.Single(await _smsc.MessagesAsync());
        Assert.Contains("您的验证码是：5678。", sent.ToString(), StringComparison.Ordinal);
        Assert.Equal(9, await _portal.QueryAsync(db => db.LedgerEntries.Where(e => e.AccountId == account.Id).OrderBy(e => e.Id).Select(e => e.BalanceAfter).LastAsync()));

        await _smsc.PostMoAsync("8613800138041", "106900", "TD");

        var (fields, _) = await _receiver.NextAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("13800138041", fields["mobilephone"]);
        Assert.Equal("TD", fields["content"]);
        Assert.Equal(answer.SmsId, fields["smsid"]);
        Assert.True(await _portal.QueryAsync(db => db.BlockedNumbers.AnyAsync(b => b.AccountId == account.Id && b.Mobile == "13800138041")));
    }

    [Fact]
    public async Task WhenTheFirstRoutesSmscIsUnreachableTheNextRouteTakesTheMessage()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 10);
        _ = _portal.CreateClient();
        await using (var db = await _portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            db.Routes.AddRange(
                new Route { Channel = "gone", Prefix = "138", Priority = 1, CostPerPart = 0.02m },
                new Route { Channel = "smsc", Prefix = "138", Priority = 2, CostPerPart = 0.03m });
            await db.SaveChangesAsync();
        }

        var registry = _portal.Service<ChannelRegistry>();
        await registry.Loaded;
        await registry.RefreshAsync(CancellationToken.None);
        await WaitBoundAsync("smsc");
        Assert.False(registry.Find("gone")!.Status.Up);

        var answer = await new VendorClient(_portal.CreateClient()).SubmitAsync(account.ApiId, account.ApiKey, "13800138042", "5678", "1");

        var message = await _portal.MessageWhenAsync(answer.SmsId!, m => m.Status == MessageStatus.Delivered);
        Assert.Equal("smsc", message.Channel);
        Assert.Equal(0.03m, message.UpstreamCost);
    }

    private async Task WaitBoundAsync(string channel)
    {
        _ = _portal.CreateClient();
        var registry = _portal.Service<ChannelRegistry>();
        await registry.Loaded;
        await Eventually.HoldsAsync(() => Task.FromResult(registry.Find(channel)!.Status.Up), $"channel {channel} binds to the SMSC");
    }
}
