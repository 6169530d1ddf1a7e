using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Dispatch;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Replies;

/// <summary>
/// A handset's reply belongs to the account whose message it answers, and to no other tenant: matched only through
/// the channel it came back on, and given to no account when several sent to that number through it.
/// </summary>
public sealed class ReplyIsolationTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync()
    {
        _portal.Settings["Channels:Simulator:ReceiptDelayMilliseconds"] = "50";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task AnOptOutToANumberTwoAccountsMessagedGoesToNeitherAndBlocksNothing()
    {
        const string mobile = "13800138500";
        var a = await TestAccounts.CreateAsync(_portal, credits: 10);
        var b = await TestAccounts.CreateAsync(_portal, credits: 10);
        await SendAsync(a, mobile);
        await SendAsync(b, mobile);

        var reply = await _portal.Service<ReplyInbox>().StoreAsync("simulator", new InboundReply("86" + mobile, "106900", "TD", DateTimeOffset.UtcNow, "raw"), CancellationToken.None);

        Assert.Null(reply.AccountId);
        Assert.False(await _portal.QueryAsync(db => db.BlockedNumbers.AnyAsync(x => x.Mobile == mobile)));
    }

    [Fact]
    public async Task AReplyIsMatchedOnlyThroughTheChannelItCameBackOn()
    {
        const string mobile = "13800138501";
        var a = await TestAccounts.CreateAsync(_portal, credits: 10);
        await SendAsync(a, mobile);
        var inbox = _portal.Service<ReplyInbox>();

        var elsewhere = await inbox.StoreAsync("another-smsc", new InboundReply(mobile, "106900", "hello", DateTimeOffset.UtcNow, "raw"), CancellationToken.None);
        var through = await inbox.StoreAsync("simulator", new InboundReply(mobile, "106900", "TD", DateTimeOffset.UtcNow, "raw"), CancellationToken.None);

        Assert.Null(elsewhere.AccountId);
        Assert.Equal(a.Id, through.AccountId);
        Assert.True(await _portal.QueryAsync(db => db.BlockedNumbers.AnyAsync(x => x.Mobile == mobile && x.AccountId == a.Id)));
    }

    private async Task SendAsync(TestAccounts.Made account, string mobile)
    {
        await _portal.Service<ChannelRegistry>().Loaded;
        var answer = await new VendorClient(_portal.CreateClient()).SubmitAsync(account.ApiId, account.ApiKey, mobile, "1234", "1");
        Assert.Equal(2, answer.Code);
        await _portal.MessageWhenAsync(answer.SmsId!, m => m.Channel == "simulator" && m.Status != MessageStatus.Dispatching);
    }
}
