using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>Accepted → handed to the simulator → receipt → final status, settled ledger and a receipt push.</summary>
public sealed class DispatchTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private readonly PushReceiver _receiver = new();

    public Task InitializeAsync()
    {
        _portal.Settings["Channels:Simulator:ReceiptDelayMilliseconds"] = "100";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task ADeliveredMessageIsChargedAndItsReceiptIsPushedInTheVendorsForm()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 10);
        await TestAccounts.SetAsync(_portal, account.Id, a => a.ReceiptPushUrl = _receiver.Url);
        var api = new VendorClient(_portal.CreateClient());

        var answer = await api.SubmitAsync(account.ApiId, account.ApiKey, "13800138001", "2468", "1");

        Assert.Equal(2, answer.Code);
        var (fields, signature) = await _receiver.NextAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("2", fields["code"]);
        Assert.Equal("DELIVRD", fields["msg"]);
        Assert.Equal("13800138001", fields["mobilephone"]);
        Assert.Equal(answer.SmsId, fields["smsid"]);
        Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$", fields["report_time"]);
        Assert.StartsWith("sha256=", signature, StringComparison.Ordinal);
        var message = await MessageAsync(answer.SmsId!);
        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Equal("simulator", message.Channel);
        Assert.Contains("stat:DELIVRD", message.UpstreamStatus, StringComparison.Ordinal);
        Assert.Equal(9, await BalanceAsync(account.Id));
        // The settlement's note is a key with its value, read later in each reader's language.
        await using var db = await Contexts().CreateDbContextAsync();
        var note = await db.LedgerEntries.Where(e => e.AccountId == account.Id && e.Kind == LedgerEntryKind.Settle).Select(e => e.Note).SingleAsync();
        Assert.Equal("#Ledger.Delivered?parts=1", note);
    }

    [Theory]
    [InlineData("13800130000", "UNDELIV", "#Ledger.NotDelivered")]
    [InlineData("13800139999", "ESME_RSUBMITFAIL", "#Ledger.RefusedUpstream")]
    public async Task AFailedMessageIsRefunded(string mobile, string raw, string note)
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 10);
        var api = new VendorClient(_portal.CreateClient());

        var answer = await api.SubmitAsync(account.ApiId, account.ApiKey, mobile, "1357", "1");

        Assert.Equal(2, answer.Code);
        var message = await WaitFinalAsync(answer.SmsId!);
        Assert.Equal(MessageStatus.Failed, message.Status);
        Assert.Contains(raw, message.UpstreamStatus, StringComparison.Ordinal);
        Assert.Equal(10, await BalanceAsync(account.Id));
        await using var db = await Contexts().CreateDbContextAsync();
        var kinds = await db.LedgerEntries.Where(e => e.AccountId == account.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync();
        Assert.Equal([LedgerEntryKind.Adjustment, LedgerEntryKind.Reserve, LedgerEntryKind.Refund], kinds);
        Assert.Equal(note, await db.LedgerEntries.Where(e => e.AccountId == account.Id && e.Kind == LedgerEntryKind.Refund).Select(e => e.Note).SingleAsync());
    }

    [Fact]
    public async Task AReceiverThatDoesNotAnswerSuccessIsTriedAgain()
    {
        _receiver.Reply = "error";
        var account = await TestAccounts.CreateAsync(_portal, credits: 10);
        await TestAccounts.SetAsync(_portal, account.Id, a => a.ReceiptPushUrl = _receiver.Url);
        var api = new VendorClient(_portal.CreateClient());

        await api.SubmitAsync(account.ApiId, account.ApiKey, "13800138002", "8642", "1");

        await _receiver.NextAsync(TimeSpan.FromSeconds(20));

        // The push stays owed in the outbox, due again after the first gap (60 s), with the receiver's answer kept.
        SmsPortal.Domain.Pushes.PushOutboxEntry? push = null;
        await Eventually.HoldsAsync(
            async () => (push = await _portal.QueryAsync(db => db.PushOutbox.AsNoTracking().FirstOrDefaultAsync(p => p.AccountId == account.Id && p.Attempts == 1))) is not null,
            "the first attempt is recorded");
        Assert.Equal(SmsPortal.Domain.Pushes.PushState.Pending, push!.State);
        Assert.True(push.DueAtMs > DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds());
        Assert.Contains("error", push.LastAnswer, StringComparison.Ordinal);
    }

    private IDbContextFactory<SmsPortalDbContext> Contexts() => _portal.Service<IDbContextFactory<SmsPortalDbContext>>();

    private async Task<Message> MessageAsync(string smsId)
    {
        await using var db = await Contexts().CreateDbContextAsync();
        var id = Message.IdOfSmsId(smsId)!.Value;
        return await db.Messages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    private async Task<Message> WaitFinalAsync(string smsId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var message = await MessageAsync(smsId);
            if (message.IsFinal || DateTime.UtcNow > deadline)
            {
                return message;
            }

            await Task.Delay(50);
        }
    }

    private async Task<long> BalanceAsync(int accountId)
    {
        await using var db = await Contexts().CreateDbContextAsync();
        var entries = await db.LedgerEntries.Where(e => e.AccountId == accountId).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(entries.Sum(e => e.Amount), entries[^1].BalanceAfter);
        return entries[^1].BalanceAfter;
    }
}
