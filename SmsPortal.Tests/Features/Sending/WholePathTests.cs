using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Pushes;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Infrastructure.Smpp;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>
/// The path a customer pays for, as one: the vendor API accepts, dispatch hands the messages to an SMPP channel,
/// smsc.js (node's smpp) answers and receipts 5 ms later, the receipts settle the ledger and are pushed to the
/// customer's URL. Functional: every message once, nothing timed.
/// </summary>
public sealed class WholePathTests : IAsyncLifetime
{
    private const int Count = 2_000;
    private readonly PortalFactory _portal = new();
    private readonly PushReceiver _receiver = new();
    private SmscPeer _smsc = null!;

    public async Task InitializeAsync()
    {
        _smsc = await SmscPeer.StartAsync(("SMSC_DLR_DELAY_MS", "5"));
        _smsc.DeclareUpstream(_portal.Settings);
        _portal.Settings["Dispatch:HeartbeatSeconds"] = "1";
        _portal.Settings["Dispatch:HolderTimeoutSeconds"] = "3";
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _smsc.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task TwoThousandMessagesAreDeliveredSettledAndPushedExactlyOnceWithoutASubmitTimeout()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: Count + 100, verified: true, paid: true);
        await TestAccounts.SetAsync(_portal, account.Id, a => a.ReceiptPushUrl = _receiver.Url);
        var registry = _portal.Service<ChannelRegistry>();
        await registry.Loaded;
        await Eventually.HoldsAsync(() => Task.FromResult(registry.Find("upstream")!.Status.Up), "the channel binds to smsc.js");

        var api = new VendorClient(_portal.CreateClient());
        var next = -1;
        var smsIds = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Count)
            {
                var answer = await api.SubmitAsync(account.ApiId, account.ApiKey, "139" + (10_001_000 + i).ToString(CultureInfo.InvariantCulture), "1234", "1");
                Assert.Equal(2, answer.Code);
                smsIds.Add(answer.SmsId!);
            }
        }));

        var statuses = "";
        await Eventually.HoldsAsync(
            async () =>
            {
                var counts = await _portal.QueryAsync(db => db.Messages.Where(m => m.AccountId == account.Id).GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
                statuses = string.Join(", ", counts.Select(c => $"{c.Key} {c.Count}")) + $"; smsc {await _smsc.StatsAsync()}";
                return counts.Sum(c => c.Key == MessageStatus.Delivered ? c.Count : 0) == Count;
            },
            () => "every message is delivered: " + statuses,
            TimeSpan.FromSeconds(120));
        await Eventually.HoldsAsync(
            async () => await _portal.QueryAsync(db => db.PushOutbox.CountAsync(p => p.AccountId == account.Id && p.State == PushState.Delivered)) == Count,
            "every receipt push is acknowledged",
            TimeSpan.FromSeconds(60));

        // Each message once at the SMSC, settled once, pushed once.
        Assert.Equal(Count, await _smsc.StatAsync("submits"));
        var sent = (await _smsc.MessagesAsync()).Select(m => m.GetProperty("destination").GetString()).ToList();
        Assert.Equal(Count, sent.Distinct().Count());
        var entries = await _portal.QueryAsync(db => db.LedgerEntries.Where(e => e.AccountId == account.Id).Select(e => new { e.Kind, e.Reference }).ToListAsync());
        foreach (var smsId in smsIds)
        {
            Assert.Equal(1, entries.Count(e => e.Kind == LedgerEntryKind.Reserve && e.Reference == smsId));
            Assert.Equal(1, entries.Count(e => e.Kind == LedgerEntryKind.Settle && e.Reference == smsId));
        }

        Assert.Equal(100, await _portal.CheckedBalanceAsync(account.Id));
        var pushed = _receiver.Received.Select(r => r.Fields["smsid"]).ToList();
        Assert.Equal(Count, pushed.Count);
        Assert.Equal(smsIds.Order(), pushed.Order());
        Assert.All(_receiver.Received, r => Assert.Equal("DELIVRD", r.Fields["msg"]));

        // No submit_sm went unanswered (a timeout counts as a channel error and leaves its trace on the message).
        Assert.Equal(0, registry.Find("upstream")!.Status.Errors);
        Assert.False(await _portal.QueryAsync(db => db.Messages.AnyAsync(m => m.UpstreamStatus!.Contains("TimedOut"))));
    }

    [Fact]
    public async Task AChannelAnswerWhoseSaveFailsIsKeptAndTheMessageIsNotSentAgain()
    {
        const string mobile = "13800138077";
        var account = await TestAccounts.CreateAsync(_portal, credits: 10, verified: true, paid: true);
        var registry = _portal.Service<ChannelRegistry>();
        await registry.Loaded;
        await Eventually.HoldsAsync(() => Task.FromResult(registry.Find("upstream")!.Status.Up), "the channel binds to smsc.js");

        // A real failure of the write that stores the answer: the database refuses it until the trigger goes.
        await using var sqlite = new SqliteConnection(await _portal.QueryAsync(db => Task.FromResult(db.Database.GetConnectionString()!)));
        await sqlite.OpenAsync();
        await Execute(sqlite, $"CREATE TRIGGER refuse_answer BEFORE UPDATE OF \"Status\" ON \"Messages\" WHEN NEW.\"Status\" = 1 AND OLD.\"Mobile\" = '{mobile}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END");

        var answer = await new VendorClient(_portal.CreateClient()).SubmitAsync(account.ApiId, account.ApiKey, mobile, "4321", "1");
        Assert.Equal(2, answer.Code);
        await Eventually.HoldsAsync(async () => await _smsc.StatAsync("submits") == 1, "the SMSC got the message");

        // Let the claim keeper run several times past the holder timeout (3 s): a live worker's claim is never released.
        var seen = await HeartbeatAsync();
        await Eventually.HoldsAsync(async () => await HeartbeatAsync() > seen.AddSeconds(6), "the worker beats for six more seconds", TimeSpan.FromSeconds(20));
        var waiting = await _portal.MessageWhenAsync(answer.SmsId!, _ => true);
        Assert.Equal(MessageStatus.Dispatching, waiting.Status);

        await Execute(sqlite, "DROP TRIGGER refuse_answer");

        // Stored now (its receipt, which came 5 ms after the submit, may have waited too long and been dropped).
        Message? message = null;
        await Eventually.HoldsAsync(
            async () => (message = await _portal.MessageWhenAsync(answer.SmsId!, _ => true)).Status is MessageStatus.Submitted or MessageStatus.Delivered,
            () => $"the answer is stored: {message?.Status} {message?.ClaimedBy} {message?.UpstreamStatus}",
            TimeSpan.FromSeconds(30));
        Assert.Equal("upstream", message!.Channel);
        Assert.Equal(1, await _smsc.StatAsync("submits"));
        Assert.Single(await _smsc.MessagesAsync());
        Assert.Equal(9, await _portal.CheckedBalanceAsync(account.Id));
    }

    private async Task<DateTimeOffset> HeartbeatAsync() =>
        (await _portal.QueryAsync(db => db.WorkerInstances.AsNoTracking().Select(w => w.SeenAt).ToListAsync())).Max();

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
