using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Channels.Modem;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure.Modem;

/// <summary>The modem channel over a real pseudo-terminal, against the emulator.</summary>
public sealed class ModemChannelTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task SendsAMessageAndTurnsItsStatusReportIntoADeliveredReceipt()
    {
        await using var modem = await ModemEmulator.StartAsync();
        var events = new RecordingUpstreamEvents();
        await using var channel = await StartedChannelAsync(events, modem.Device);

        var answer = await channel.SubmitAsync(Message(1, "13800138000", "【测试】您的验证码是1234"), CancellationToken.None);

        Assert.Equal(ChannelOutcome.Accepted, answer.Outcome);
        Assert.StartsWith("adapter:1:", answer.UpstreamId, StringComparison.Ordinal);
        var sent = Assert.Single(await modem.SentAsync());
        Assert.Equal("+8613800138000", sent.GetProperty("to").GetString());
        Assert.Equal("【测试】您的验证码是1234", sent.GetProperty("text").GetString());
        Assert.Equal("ucs2", sent.GetProperty("coding").GetString());
        Assert.True(sent.GetProperty("statusReport").GetBoolean());
        Assert.Equal(167, sent.GetProperty("validity").GetInt32());
        await Eventually.HoldsAsync(() => !events.Receipts.IsEmpty, Wait, "no receipt");
        var receipt = Assert.Single(events.Receipts);
        Assert.Equal(("modems", answer.UpstreamId, true), (receipt.Channel, receipt.UpstreamId, receipt.Delivered));
        Assert.Contains("+CDS:", receipt.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReportOfPermanentFailureFailsTheMessageAndHongKongNumbersGoInternational()
    {
        await using var modem = await ModemEmulator.StartAsync();
        var events = new RecordingUpstreamEvents();
        await using var channel = await StartedChannelAsync(events, modem.Device);

        var answer = await channel.SubmitAsync(Message(2, "852 91230000", "Your code is 5678"), CancellationToken.None);

        Assert.Equal(ChannelOutcome.Accepted, answer.Outcome);
        var sent = Assert.Single(await modem.SentAsync());
        Assert.Equal("+85291230000", sent.GetProperty("to").GetString());
        Assert.Equal("gsm7", sent.GetProperty("coding").GetString());
        await Eventually.HoldsAsync(() => !events.Receipts.IsEmpty, Wait, "no receipt");
        Assert.Equal((answer.UpstreamId, false), (events.Receipts.Single().UpstreamId, events.Receipts.Single().Delivered));
    }

    [Fact]
    public async Task SendsLongMessagesAsConcatenatedPartsAndReceiptsThemOnceEveryPartIsDelivered()
    {
        await using var modem = await ModemEmulator.StartAsync("--receipt-delay-ms", "300");
        var events = new RecordingUpstreamEvents();
        await using var channel = await StartedChannelAsync(events, modem.Device);
        var gsm = string.Concat(Enumerable.Repeat("Price [EUR] {10€} ^ok| ", 17));
        var chinese = string.Concat(Enumerable.Repeat("【签名】长短信的内容，", 15));

        var first = await channel.SubmitAsync(Message(3, "13800138000", gsm), CancellationToken.None);
        var second = await channel.SubmitAsync(Message(4, "13900139000", chinese), CancellationToken.None);

        Assert.Equal((ChannelOutcome.Accepted, ChannelOutcome.Accepted), (first.Outcome, second.Outcome));
        var messages = await modem.MessagesAsync();
        Assert.Equal(2, messages.Length);
        Assert.Equal((gsm, 4), (messages[0].GetProperty("text").GetString(), messages[0].GetProperty("parts").GetInt32()));
        Assert.Equal((chinese, 3), (messages[1].GetProperty("text").GetString(), messages[1].GetProperty("parts").GetInt32()));
        Assert.Equal(7, (await modem.SentAsync()).Length);
        await Eventually.HoldsAsync(() => events.Receipts.Count >= 2, Wait, "no receipts");
        await Task.Delay(300);
        Assert.Equal(new[] { first.UpstreamId!, second.UpstreamId! }.Order(), events.Receipts.Select(r => r.UpstreamId).Order());
        Assert.All(events.Receipts, r => Assert.True(r.Delivered));
        Assert.Equal(4, events.Receipts.Single(r => r.UpstreamId == first.UpstreamId).Raw.Split('\n').Length);
    }

    [Fact]
    public async Task ALongMessageFailsAtItsFirstFailedPartAndAPartlySentOneIsUnknownThenFailed()
    {
        await using var modem = await ModemEmulator.StartAsync();
        var events = new RecordingUpstreamEvents();
        await using var channel = await StartedChannelAsync(events, modem.Device);
        var text = string.Concat(Enumerable.Repeat("长短信", 60));

        var undelivered = await channel.SubmitAsync(Message(40, "13800130000", text), CancellationToken.None);
        await modem.PostAsync("fault?cms=42&after=1");
        var partly = await channel.SubmitAsync(Message(41, "13800138000", text), CancellationToken.None);

        Assert.Equal(ChannelOutcome.Accepted, undelivered.Outcome);
        Assert.Equal(ChannelOutcome.Unknown, partly.Outcome);
        Assert.NotNull(partly.UpstreamId);
        Assert.Equal(4, (await modem.SentAsync()).Length);
        await Eventually.HoldsAsync(() => events.Receipts.Count >= 2, Wait, "receipts missing");
        await Task.Delay(500);
        Assert.Equal(2, events.Receipts.Count);
        Assert.False(events.Receipts.Single(r => r.UpstreamId == undelivered.UpstreamId).Delivered);
        Assert.False(events.Receipts.Single(r => r.UpstreamId == partly.UpstreamId).Delivered);
    }

    [Fact]
    public async Task HandsIncomingMessagesOnWhetherDeliveredInlineOrStoredOnTheSim()
    {
        await using var modem = await ModemEmulator.StartAsync();
        var events = new RecordingUpstreamEvents();
        await using var channel = await StartedChannelAsync(events, modem.Device);
        var longReply = string.Concat(Enumerable.Repeat("退订之前请确认，", 12));

        await modem.PostAsync("incoming?mode=cmt&from=%2B8613800138000&text=TD");
        await modem.PostAsync("incoming?mode=cmti&from=%2B8613900139000&text=" + Uri.EscapeDataString(longReply));
        await modem.PostAsync("incoming?mode=cmt&from=10086&text=" + Uri.EscapeDataString(new string('x', 200)));

        await Eventually.HoldsAsync(() => events.Replies.Count >= 3, Wait, "replies missing");
        var replies = events.Replies.Select(r => r.Reply).OrderBy(r => r.From, StringComparer.Ordinal).ToList();
        Assert.Equal(("+8613800138000", "TD"), (replies[0].From, replies[0].Text));
        Assert.Equal(("+8613900139000", longReply), (replies[1].From, replies[1].Text));
        Assert.Equal(("10086", new string('x', 200)), (replies[2].From, replies[2].Text));
        Assert.All(events.Replies, r => Assert.Equal("modems", r.Channel));
        var commands = await modem.CommandsAsync();
        Assert.Equal(2, commands.Count(c => c.StartsWith("AT+CMGR=", StringComparison.Ordinal)));
        Assert.Equal(2, commands.Count(c => c.StartsWith("AT+CMGD=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AModemWithoutItsSimIsDownWithTheReasonAndMessagesWaitForLater()
    {
        await using var modem = await ModemEmulator.StartAsync("--sim", "absent");
        var events = new RecordingUpstreamEvents();
        await using var channel = Channel(events, modem.Device);
        await channel.StartAsync(CancellationToken.None);

        await Eventually.HoldsAsync(() => channel.Status.State.Contains("SIM not inserted", StringComparison.Ordinal), Wait, () => "no SIM state: " + channel.Status.State);
        var answer = await channel.SubmitAsync(Message(5, "13800138000", "hello"), CancellationToken.None);

        Assert.False(channel.Status.Up);
        Assert.Equal("0/1 up; adapter: SIM not inserted", channel.Status.State);
        Assert.Equal("adapter: SIM not inserted", channel.Status.LastError);
        Assert.Equal(ChannelOutcome.TryLater, answer.Outcome);
        Assert.Empty(await modem.SentAsync());
    }

    [Fact]
    public async Task ASimLostMidRunTakesTheModemDownUntilItIsBackAndTheSignalIsCheckedPeriodically()
    {
        await using var modem = await ModemEmulator.StartAsync();
        var events = new RecordingUpstreamEvents();
        await using var channel = await StartedChannelAsync(events, modem.Device, ("SignalCheckSeconds", "1"));
        Assert.Equal("1/1 up; adapter -71 dBm", channel.Status.State);

        await modem.PostAsync("config?csq=10");
        await Eventually.HoldsAsync(() => channel.Status.State.EndsWith("-93 dBm", StringComparison.Ordinal), Wait, () => "signal not rechecked: " + channel.Status.State);
        await modem.PostAsync("config?sim=absent");
        var lost = await channel.SubmitAsync(Message(50, "13800138000", "lost"), CancellationToken.None);
        await Eventually.HoldsAsync(() => !channel.Status.Up, Wait, "still up");
        var state = channel.Status.State;
        await modem.PostAsync("config?sim=ready");
        await Eventually.HoldsAsync(() => channel.Status.Up, Wait, () => "not back: " + channel.Status.State);
        var back = await channel.SubmitAsync(Message(51, "13800138000", "back"), CancellationToken.None);

        Assert.Equal(ChannelOutcome.TryLater, lost.Outcome);
        Assert.Contains("+CMS ERROR: 310", lost.Raw, StringComparison.Ordinal);
        Assert.Equal("0/1 up; adapter: SIM not inserted", state);
        Assert.Equal(ChannelOutcome.Accepted, back.Outcome);
        Assert.Equal(["back"], (await modem.SentAsync()).Select(m => m.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task APoolSendsThroughTheModemWhoseSimWorksWhileTheOtherIsDown()
    {
        await using var broken = await ModemEmulator.StartAsync("--sim", "failure");
        await using var good = await ModemEmulator.StartAsync("--sim", "pin", "--pin", "4321");
        var events = new RecordingUpstreamEvents();
        await using var channel = Channel(events, [broken.Device, good.Device], ("Pin", "4321"));
        await channel.StartAsync(CancellationToken.None);
        await Eventually.HoldsAsync(() => channel.Status.Up && channel.Status.State.Contains("SIM failure", StringComparison.Ordinal), Wait, () => "pool not ready: " + channel.Status.State);

        var answers = new List<ChannelAnswer>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await channel.SubmitAsync(Message(10 + i, "1380013800" + i, "message " + i), CancellationToken.None));
        }

        Assert.All(answers, a => Assert.Equal(ChannelOutcome.Accepted, a.Outcome));
        Assert.All(answers, a => Assert.StartsWith("2-adapter:", a.UpstreamId, StringComparison.Ordinal));
        Assert.Equal(4, (await good.SentAsync()).Length);
        Assert.Empty(await broken.SentAsync());
        Assert.Matches(@"^1/2 up; adapter: SIM failure, 2-adapter -71 dBm$", channel.Status.State);
        await Eventually.HoldsAsync(() => events.Receipts.Count == 4, Wait, "receipts missing");
        Assert.Equal(answers.Select(a => a.UpstreamId!).Order(), events.Receipts.Select(r => r.UpstreamId).Order());
    }

    [Fact]
    public async Task RefusalsAreRejectedOrTryLaterByCodeAndASilentModemMakesTheMessageUnknown()
    {
        await using var modem = await ModemEmulator.StartAsync();
        var events = new RecordingUpstreamEvents();
        await using var channel = await StartedChannelAsync(events, modem.Device, ("ResponseTimeoutSeconds", "1"));

        await modem.PostAsync("fault?cms=1");
        var unassigned = await channel.SubmitAsync(Message(20, "13800138000", "a"), CancellationToken.None);
        await modem.PostAsync("fault?cms=42");
        var congestion = await channel.SubmitAsync(Message(21, "13800138000", "b"), CancellationToken.None);
        await modem.PostAsync("fault?silent=1");
        var silent = await channel.SubmitAsync(Message(22, "13800138000", "c"), CancellationToken.None);
        var after = await channel.SubmitAsync(Message(23, "13800138000", "d"), CancellationToken.None);

        Assert.Equal((ChannelOutcome.Rejected, "adapter: +CMS ERROR: 1"), (unassigned.Outcome, unassigned.Raw));
        Assert.Equal(ChannelOutcome.TryLater, congestion.Outcome);
        Assert.Contains("+CMS ERROR: 42", congestion.Raw, StringComparison.Ordinal);
        Assert.Equal(ChannelOutcome.Unknown, silent.Outcome);
        Assert.Contains("no answer to AT+CMGS", silent.Raw, StringComparison.Ordinal);
        Assert.Equal(ChannelOutcome.Accepted, after.Outcome);
        Assert.Equal(3, channel.Status.Errors);
    }

    [Fact]
    public async Task GarbageFromTheModemIsSkippedAndTheModemGoesOn()
    {
        await using var modem = await ModemEmulator.StartAsync();
        var events = new RecordingUpstreamEvents();
        await using var channel = await StartedChannelAsync(events, modem.Device);

        foreach (var garbage in new[]
        {
            @"\r\nRING\r\n\r\n+CMS ERROR: 500\r\n", @"\r\n+CDS: 25\r\nZZZZ\r\n", @"\r\n+CMT: ,5\r\n0004\r\n", @"\r\n+CDS: 3\r\n00060100\r\n",
            new string('x', 5000) + @"\r\n", @"\r\n+CMTI: ""SM"",x\r\n", @"\r\n+CMTI: ""SM"",99\r\n",
        })
        {
            await modem.PostAsync("raw?data=" + Uri.EscapeDataString(garbage));
        }

        await Eventually.HoldsAsync(async () => (await modem.CommandsAsync()).Contains("AT+CMGR=99"), Wait, "the +CMTI was not read");
        var answer = await channel.SubmitAsync(Message(30, "13800138000", "still here"), CancellationToken.None);

        Assert.Equal(ChannelOutcome.Accepted, answer.Outcome);
        await Eventually.HoldsAsync(() => !events.Receipts.IsEmpty, Wait, "no receipt after the garbage");
        Assert.Equal(answer.UpstreamId, events.Receipts.Single().UpstreamId);
        Assert.Empty(events.Replies);
        Assert.True(channel.Status.Up);
    }

    [Fact]
    public async Task AWrongPinIsEnteredOnceAndNeverAgain()
    {
        await using var modem = await ModemEmulator.StartAsync("--sim", "pin", "--pin", "1111");
        await using var channel = Channel(new RecordingUpstreamEvents(), [modem.Device], ("Pin", "2222"), ("ReconnectSeconds", "1"));
        await channel.StartAsync(CancellationToken.None);

        await Eventually.HoldsAsync(() => channel.Status.State.Contains("SIM PIN rejected", StringComparison.Ordinal), Wait, () => "state: " + channel.Status.State);
        await Task.Delay(1500);

        Assert.False(channel.Status.Up);
        Assert.Single(await modem.CommandsAsync(), c => c.StartsWith("AT+CPIN=", StringComparison.Ordinal));
    }

    [Fact]
    public void SettingsThatCannotWorkAreRefusedNamingEachSetting()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BaudRate"] = "12345", ["Pin"] = "12", ["MaxPerMinute"] = "-1", ["SmscNumber"] = "abc",
        }).Build();

        var error = Assert.Throws<ChannelSettingsException>(() => ModemOptions.From("gsm", settings));

        Assert.Equal(5, error.Problems.Count);
        foreach (var name in new[] { "Ports", "BaudRate", "Pin", "MaxPerMinute", "SmscNumber" })
        {
            Assert.Contains(error.Problems, p => p.StartsWith("Channels:gsm:" + name + ":", StringComparison.Ordinal));
        }
    }

    private static OutboundMessage Message(long id, string mobile, string text) => new(id, "S" + id, mobile, text, 1);

    private static async Task<ModemChannel> StartedChannelAsync(IUpstreamEvents events, string device, params (string Key, string Value)[] extra)
    {
        var channel = Channel(events, [device], extra);
        await channel.StartAsync(CancellationToken.None);
        await Eventually.HoldsAsync(() => channel.Status.Up, Wait, () => "the modem did not come up: " + channel.Status.State);
        return channel;
    }

    private static ModemChannel Channel(IUpstreamEvents events, string device) => Channel(events, [device]);

    private static ModemChannel Channel(IUpstreamEvents events, string[] devices, params (string Key, string Value)[] extra)
    {
        var values = new Dictionary<string, string?> { ["MaxPerMinute"] = "0", ["ReconnectSeconds"] = "1" };
        for (var i = 0; i < devices.Length; i++)
        {
            values[$"Ports:{i}"] = devices[i];
        }

        foreach (var (key, value) in extra)
        {
            values[key] = value;
        }

        var options = ModemOptions.From("modems", new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return new ModemChannel("modems", options, events, TimeProvider.System, NullLoggerFactory.Instance);
    }
}
