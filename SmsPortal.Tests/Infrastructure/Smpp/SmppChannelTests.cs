using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Channels.Smpp;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure.Smpp;

/// <summary>The SMPP client channel against smsc.js (node's smpp package), driven directly with a recording pipeline.</summary>
public sealed class SmppChannelTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly RecordingUpstreamEvents _events = new();

    private Task<SmppChannel> StartChannelAsync(SmscPeer smsc, params (string Key, string Value)[] settings) => StartChannelAsync(smsc, _events, settings);

    private static async Task<SmppChannel> StartChannelAsync(SmscPeer smsc, IUpstreamEvents events, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Type"] = "Smpp",
            ["Host"] = "127.0.0.1",
            ["Port"] = smsc.SmppPort.ToString(CultureInfo.InvariantCulture),
            ["SystemId"] = "portal",
            ["Password"] = "secret",
            ["SourceAddress"] = "106900",
            ["ReconnectMinSeconds"] = "0",
            ["ReconnectMaxSeconds"] = "1",
            ["ResponseTimeoutSeconds"] = "3",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddSingleton(events).BuildServiceProvider();
        var factory = new SmppChannelFactory(services, TimeProvider.System, NullLoggerFactory.Instance);
        var channel = (SmppChannel)factory.Create("upstream", configuration);
        await channel.StartAsync(CancellationToken.None);
        await Eventually.HoldsAsync(() => channel.Status.Up, Wait, "the bind");
        return channel;
    }

    private static OutboundMessage Message(long id, string mobile, string text) => new(id, "S" + id, mobile, text, 1);

    [Fact]
    public async Task AShortGsmTextIsAcceptedAndItsReceiptMapsBack()
    {
        await using var smsc = await SmscPeer.StartAsync();
        await using var channel = await StartChannelAsync(smsc);
        var answer = await channel.SubmitAsync(Message(1, "13800138000", "Your code is 1234"), CancellationToken.None);
        Assert.Equal(ChannelOutcome.Accepted, answer.Outcome);
        Assert.NotNull(answer.UpstreamId);
        Assert.Contains("ESME_ROK", answer.Raw, StringComparison.Ordinal);
        var sent = Assert.Single(await smsc.MessagesAsync());
        Assert.Equal("Your code is 1234", sent.GetProperty("text").GetString());
        Assert.Equal(0, sent.GetProperty("dataCoding").GetInt32());
        Assert.Equal("106900", sent.GetProperty("source").GetString());
        Assert.Equal(1, sent.GetProperty("registeredDelivery").GetInt32());
        await Eventually.HoldsAsync(() => !_events.Receipts.IsEmpty, Wait, "the receipt");
        var receipt = Assert.Single(_events.Receipts);
        Assert.Equal(("upstream", answer.UpstreamId, true), (receipt.Channel, receipt.UpstreamId, receipt.Delivered));
        Assert.Contains("stat:DELIVRD", receipt.Raw, StringComparison.Ordinal);
        var status = channel.Status;
        Assert.Equal("bound", status.State);
        Assert.Equal(10, status.WindowSize);
    }

    [Fact]
    public async Task UndeliveredAndRejectedNumbersEndAsTheSmscSays()
    {
        await using var smsc = await SmscPeer.StartAsync();
        await using var channel = await StartChannelAsync(smsc);
        var undelivered = await channel.SubmitAsync(Message(1, "13800130000", "hello"), CancellationToken.None);
        Assert.Equal(ChannelOutcome.Accepted, undelivered.Outcome);
        var rejected = await channel.SubmitAsync(Message(2, "13800139999", "hello"), CancellationToken.None);
        Assert.Equal(ChannelOutcome.Rejected, rejected.Outcome);
        Assert.Contains("ESME_RSUBMITFAIL", rejected.Raw, StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => !_events.Receipts.IsEmpty, Wait, "the receipt");
        var receipt = Assert.Single(_events.Receipts);
        Assert.Equal(undelivered.UpstreamId, receipt.UpstreamId);
        Assert.False(receipt.Delivered);
        Assert.Contains("UNDELIV", receipt.Raw, StringComparison.Ordinal);
        Assert.Equal(1, channel.Status.Errors);
    }

    [Theory]
    [InlineData("Udh")]
    [InlineData("Sar")]
    public async Task ALongTextGoesInPartsAndOneReceiptSettlesIt(string mode)
    {
        await using var smsc = await SmscPeer.StartAsync();
        await using var channel = await StartChannelAsync(smsc, ("LongMessages", mode));
        var text = string.Concat(Enumerable.Repeat("Long message part text 0123456789. ", 12)); // 420 GSM characters: 3 parts
        var answer = await channel.SubmitAsync(Message(1, "13800138000", text), CancellationToken.None);
        Assert.Equal(ChannelOutcome.Accepted, answer.Outcome);
        var sent = (await smsc.MessagesAsync()).Reverse().ToArray();
        Assert.Equal(3, sent.Length);
        Assert.Equal(text, string.Concat(sent.Select(m => m.GetProperty("text").GetString())));
        if (mode == "Udh")
        {
            Assert.All(sent, m => Assert.Equal(0x40, m.GetProperty("esmClass").GetInt32() & 0x40));
            Assert.EndsWith("0301", sent[0].GetProperty("udh").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.All(sent, m => Assert.Equal(0, m.GetProperty("esmClass").GetInt32() & 0x40));
        }
        Assert.Equal(sent[0].GetProperty("id").GetString(), answer.UpstreamId);
        await Eventually.HoldsAsync(async () => await smsc.StatAsync("dlrs") == 3, Wait, "three receipts sent");
        await Eventually.HoldsAsync(() => !_events.Receipts.IsEmpty, Wait, "the receipt");
        var receipt = Assert.Single(_events.Receipts);
        Assert.Equal(answer.UpstreamId, receipt.UpstreamId);
        Assert.True(receipt.Delivered);
    }

    [Fact]
    public async Task ChineseWithASignatureGoesAsUcs2()
    {
        await using var smsc = await SmscPeer.StartAsync();
        await using var channel = await StartChannelAsync(smsc);
        const string text = "【云片网】您的验证码是1234。如非本人操作，请忽略本短信。😀";
        var answer = await channel.SubmitAsync(Message(1, "13800138000", text), CancellationToken.None);
        Assert.Equal(ChannelOutcome.Accepted, answer.Outcome);
        var sent = Assert.Single(await smsc.MessagesAsync());
        Assert.Equal(8, sent.GetProperty("dataCoding").GetInt32());
        Assert.Equal(text, sent.GetProperty("text").GetString());
    }

    [Fact]
    public async Task AHandsetReplyReachesThePipeline()
    {
        await using var smsc = await SmscPeer.StartAsync();
        await using var channel = await StartChannelAsync(smsc);
        await smsc.PostMoAsync("13800138000", "106900", "TD");
        await Eventually.HoldsAsync(() => !_events.Replies.IsEmpty, Wait, "the reply");
        var (_, reply) = Assert.Single(_events.Replies);
        Assert.Equal(("13800138000", "106900", "TD"), (reply.From, reply.To, reply.Text));
        Assert.Empty(_events.Receipts);
    }

    [Fact]
    public async Task ThrottlingSlowsDownAndEveryMessageIsAcceptedOnce()
    {
        await using var smsc = await SmscPeer.StartAsync(("SMSC_THROTTLE_EVERY", "7"));
        await using var channel = await StartChannelAsync(smsc, ("ThrottleRetryMilliseconds", "20"), ("SubmitWaitSeconds", "30"));
        var answers = await Task.WhenAll(Enumerable.Range(1, 100).Select(i =>
            channel.SubmitAsync(Message(i, "13800138000", "message " + i.ToString(CultureInfo.InvariantCulture)), CancellationToken.None)));
        Assert.All(answers, a => Assert.Equal(ChannelOutcome.Accepted, a.Outcome));
        Assert.Equal(100, answers.Select(a => a.UpstreamId).Distinct().Count());
        var texts = (await smsc.MessagesAsync()).Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Equal(100, texts.Count);
        Assert.Equal(100, texts.Distinct().Count());
        Assert.True(await smsc.StatAsync("throttled") >= 14);
    }

    [Fact]
    public async Task TheSmscKilledMidRunLosesNothingAndNothingIsSentTwice()
    {
        await using var smsc = await SmscPeer.StartAsync(("SMSC_RESP_DELAY_MS", "5"));
        await using var channel = await StartChannelAsync(smsc, ("SubmitWaitSeconds", "2"));
        var outcomes = new ConcurrentDictionary<int, ChannelAnswer>();
        var total = 600;
        var next = 0;
        var killed = new TaskCompletionSource();

        async Task WorkerAsync()
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i > total)
                {
                    return;
                }
                if (i == total / 3)
                {
                    killed.TrySetResult();
                }
                while (true)
                {
                    var answer = await channel.SubmitAsync(Message(i, "13800138000", "m" + i.ToString(CultureInfo.InvariantCulture)), CancellationToken.None);
                    if (answer.Outcome == ChannelOutcome.TryLater)
                    {
                        await Task.Delay(50); // what the dispatcher does: later, again
                        continue;
                    }
                    outcomes[i] = answer;
                    break;
                }
            }
        }

        var workers = Enumerable.Range(0, 20).Select(_ => Task.Run(WorkerAsync)).ToArray();
        await killed.Task.WaitAsync(Wait);
        var beforeKill = (await smsc.MessagesAsync()).Select(m => m.GetProperty("text").GetString()!).ToHashSet();
        await smsc.KillAsync();
        await Eventually.HoldsAsync(() => !channel.Status.Up, Wait, "the channel to see the SMSC gone");
        await smsc.StartAgainAsync();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(total, outcomes.Count);
        Assert.All(outcomes.Values, a => Assert.True(a.Outcome is ChannelOutcome.Accepted or ChannelOutcome.Unknown, a.Raw));
        var unknown = outcomes.Where(o => o.Value.Outcome == ChannelOutcome.Unknown).Select(o => "m" + o.Key.ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.InRange(unknown.Count, 0, 10); // at most the window was in flight at the kill
        var afterRestart = (await smsc.MessagesAsync()).Select(m => m.GetProperty("text").GetString()!).ToList();
        Assert.Equal(afterRestart.Count, afterRestart.Distinct().Count());
        Assert.Empty(afterRestart.Intersect(unknown));
        Assert.Empty(afterRestart.Intersect(beforeKill));
        Assert.True(afterRestart.Count > total / 2, $"{afterRestart.Count} after the restart");
        Assert.True(channel.Status.Up);
        Assert.True(channel.Status.Errors >= 1);
    }

    [Fact]
    public async Task SlowReceiptStorageNeverHoldsUpSubmitResponses()
    {
        // Receipts come 5 ms after each submit and take 200 ms each to store; with a deep window hundreds are in the
        // stream at once. They are stored side by side while the submit_sm_resp among them are read at once (before:
        // 64 at a time, the read loop stopped and a third of the submits ended Unknown after 3 s without an answer).
        const int total = 2000;
        var slow = new RecordingUpstreamEvents { ReceiptDelay = TimeSpan.FromMilliseconds(200) };
        await using var smsc = await SmscPeer.StartAsync(("SMSC_DLR_DELAY_MS", "5"));
        await using var channel = await StartChannelAsync(smsc, slow, ("Window", "1000"), ("MaxRequestsInProgress", "4000"));
        var answers = await Task.WhenAll(Enumerable.Range(1, total).Select(i =>
            channel.SubmitAsync(Message(i, "13800138000", "m" + i.ToString(CultureInfo.InvariantCulture)), CancellationToken.None)));

        var notAccepted = answers.Where(a => a.Outcome != ChannelOutcome.Accepted).Select(a => $"{a.Outcome}: {a.Raw}").ToList();
        Assert.True(notAccepted.Count == 0, $"{notAccepted.Count} not accepted, e.g. {notAccepted.FirstOrDefault()}");
        Assert.Equal(total, await smsc.StatAsync("submits"));
        await Eventually.HoldsAsync(() => slow.Receipts.Count >= total, TimeSpan.FromSeconds(60), "every receipt stored");
        Assert.Equal(answers.Select(a => a.UpstreamId).Order(), slow.Receipts.Select(r => r.UpstreamId).Order());
        Assert.Equal(0, channel.Status.Errors);
    }

    [Fact]
    public async Task NotBoundAnswersTryLater()
    {
        var port = Peers.FreePort();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Host"] = "127.0.0.1", ["Port"] = port.ToString(CultureInfo.InvariantCulture), ["SystemId"] = "x", ["ReconnectMinSeconds"] = "0",
        }).Build();
        await using var channel = new SmppChannelFactory(new ServiceCollection().BuildServiceProvider(), TimeProvider.System, NullLoggerFactory.Instance)
            .Create("down", configuration);
        await channel.StartAsync(CancellationToken.None);
        var answer = await channel.SubmitAsync(Message(1, "13800138000", "hi"), CancellationToken.None);
        Assert.Equal(ChannelOutcome.TryLater, answer.Outcome);
        Assert.False(channel.Status.Up);
        await Eventually.HoldsAsync(() => channel.Status.LastError is not null, Wait, "the connect error");
        Assert.Contains("connect", channel.Status.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongSettingsAreEachNamed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Port"] = "99999", ["Window"] = "0", ["BindMode"] = "Sideways", ["MessageIdFormat"] = "Roman", ["LongMessages"] = "Fax", ["Password"] = "toolongpassword",
        }).Build();
        var error = Assert.Throws<ChannelSettingsException>(() => SmppChannelOptions.From("bad", configuration));
        foreach (var setting in new[] { "Host", "SystemId", "Port", "Window", "BindMode", "MessageIdFormat", "LongMessages", "Password" })
        {
            Assert.Contains(error.Problems, p => p.StartsWith("Channels:bad:" + setting + ":", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("0000002A", SmppMessageIdFormat.Hex, SmppMessageIdFormat.Hex, "2a")]
    [InlineData("42", SmppMessageIdFormat.Decimal, SmppMessageIdFormat.Hex, "2a")]
    [InlineData("2a", SmppMessageIdFormat.Hex, SmppMessageIdFormat.Decimal, "42")]
    [InlineData("0042", SmppMessageIdFormat.Decimal, SmppMessageIdFormat.Decimal, "42")]
    [InlineData(" abc-1 ", SmppMessageIdFormat.AsIs, SmppMessageIdFormat.AsIs, "abc-1")]
    [InlineData("zz", SmppMessageIdFormat.Hex, SmppMessageIdFormat.Hex, "zz")]
    public void MessageIdsAreComparedInOneForm(string id, SmppMessageIdFormat readAs, SmppMessageIdFormat writeAs, string expected) =>
        Assert.Equal(expected, SmppMessageIds.Canonical(id, readAs, writeAs));
}
