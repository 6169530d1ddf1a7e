using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Channels;

/// <summary>Handset replies as a channel reports them: stored, given to the right account, pushed, opt-outs honoured.</summary>
public sealed class ReplyTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private readonly PushReceiver _receiver = new();

    public Task InitializeAsync()
    {
        _portal.Settings["Channels:Simulator:ReceiptDelayMilliseconds"] = "50";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task AReplyBelongsToTheAccountThatWroteToThatNumberAndIsPushedInTheVendorsForm()
    {
        // Another account wrote to another number (when two accounts wrote to the same one, see ReplyIsolationTests).
        var other = await TestAccounts.CreateAsync(_portal, credits: 10);
        var later = await TestAccounts.CreateAsync(_portal, credits: 10);
        await TestAccounts.SetAsync(_portal, later.Id, a => a.ReplyPushUrl = _receiver.Url);
        await SubmitAsync(other, "13800138011");
        var smsId = await SubmitAsync(later, "13800138010");

        await ReplyAsync("+8613800138010", "好的，收到");

        var (fields, signature) = await _receiver.NextAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("13800138010", fields["mobilephone"]);
        Assert.Equal("好的，收到", fields["content"]);
        Assert.Equal(smsId, fields["smsid"]);
        Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$", fields["reply_time"]);
        Assert.StartsWith("sha256=", signature, StringComparison.Ordinal);
        var reply = await _portal.QueryAsync(db => db.Replies.SingleAsync());
        Assert.Equal(later.Id, reply.AccountId);
        Assert.Equal(Message.IdOfSmsId(smsId), reply.MessageId);
        Assert.False(reply.IsOptOut);
    }

    [Fact]
    public async Task AReplyThatNamesTheMessageItAnswersBelongsToThatMessageEvenWhenANewerOneWentToTheNumber()
    {
        var first = await TestAccounts.CreateAsync(_portal, credits: 10);
        var second = await TestAccounts.CreateAsync(_portal, credits: 10);
        var answered = await SubmitAsync(first, "13800138013");
        await SubmitAsync(second, "13800138013");
        var upstreamId = await _portal.QueryAsync(db => db.Messages.Where(m => m.Id == Message.IdOfSmsId(answered)).Select(m => m.UpstreamId).SingleAsync());

        await _portal.Service<IUpstreamEvents>().ReplyAsync("simulator", new InboundReply("13800138013", "106900", "收到", DateTimeOffset.UtcNow, "raw", upstreamId), CancellationToken.None);

        var reply = await _portal.QueryAsync(db => db.Replies.SingleAsync());
        Assert.Equal(first.Id, reply.AccountId);
        Assert.Equal(Message.IdOfSmsId(answered), reply.MessageId);
    }

    [Theory]
    [InlineData("TD")]
    [InlineData("退订")]
    public async Task AnOptOutReplyPutsTheNumberOnTheAccountsBlacklistAndTheNextSendIsRefused(string text)
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 10);
        await SubmitAsync(account, "13800138011");

        await ReplyAsync("8613800138011", text);

        var reply = await _portal.QueryAsync(db => db.Replies.SingleAsync());
        Assert.True(reply.IsOptOut);
        Assert.Equal("13800138011", reply.Mobile);
        var again = await new VendorClient(_portal.CreateClient()).SubmitAsync(account.ApiId, account.ApiKey, "13800138011", "2468", "1");
        Assert.Equal(4030, again.Code);
    }

    [Fact]
    public async Task AReplyFromANumberNobodyWroteToIsKeptForTheAdminsOnly()
    {
        _ = _portal.CreateClient();

        await ReplyAsync("13900139012", "TD");

        var reply = await _portal.QueryAsync(db => db.Replies.SingleAsync());
        Assert.Null(reply.AccountId);
        Assert.False(reply.IsOptOut);
        Assert.Equal(0, await _portal.QueryAsync(db => db.BlockedNumbers.CountAsync(b => b.Mobile == "13900139012")));
    }

    private Task ReplyAsync(string from, string text) =>
        _portal.Service<IUpstreamEvents>().ReplyAsync("simulator", new InboundReply(from, "106900", text, DateTimeOffset.UtcNow, $"from:{from} text:{text}"), CancellationToken.None);

    private async Task<string> SubmitAsync(TestAccounts.Made account, string mobile)
    {
        var answer = await new VendorClient(_portal.CreateClient()).SubmitAsync(account.ApiId, account.ApiKey, mobile, "2468", "1");
        Assert.Equal(2, answer.Code);
        var id = Message.IdOfSmsId(answer.SmsId)!.Value;
        await Eventually.HoldsAsync(async () => await _portal.QueryAsync(db => db.Messages.AnyAsync(m => m.Id == id && m.Channel != null)), "the message is handed to the simulator");
        return answer.SmsId!;
    }
}
