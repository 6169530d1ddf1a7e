// The SMPP client channel alone against ../shared/peers/smsc.js (node's smpp package): one bind, window 10,
// messages a second end to end (SubmitAsync → submit_sm_resp → receipt reported), once with no delay and once
// with a simulated 50 ms round trip (SMSC_RESP_DELAY_MS=50). RECEIPT_DELAY_MS=N makes storing each receipt take N ms
// (a durable, batched database write under load; default 0, returns at once) and WINDOW=N sets the window (default 10):
// receipts are stored side by side, so submit_sm_resp keep coming at the same pace.
//   dotnet run -c Release --project bench/SmppUpstream -- [COUNT] [COUNT_AT_50MS] [PEERS_DIR]
// PEERS_DIR holds smsc.js and node_modules/smpp (default: SmsPortal.Tests/Peers or $SMSPORTAL_PEERS_DIR).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Channels.Smpp;

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
var countSlow = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3_000;
var peers = args.Length > 2 ? args[2]
    : Environment.GetEnvironmentVariable("SMSPORTAL_PEERS_DIR") is { Length: > 0 } configured ? configured
    : Path.Combine(Directory.GetCurrentDirectory(), "SmsPortal.Tests", "Peers");

var receiptDelay = TimeSpan.FromMilliseconds(int.Parse(Environment.GetEnvironmentVariable("RECEIPT_DELAY_MS") ?? "0", CultureInfo.InvariantCulture));
var window = Environment.GetEnvironmentVariable("WINDOW") is { Length: > 0 } w ? int.Parse(w, CultureInfo.InvariantCulture) : 10;

await RunAsync("no delay", count, 0);
await RunAsync("50 ms round trip", countSlow, 50);

async Task RunAsync(string label, int messages, int responseDelayMs)
{
    var smppPort = FreePort();
    var httpPort = FreePort();
    var start = new ProcessStartInfo("node", Path.Combine(peers, "smsc.js")) { UseShellExecute = false, RedirectStandardOutput = true, WorkingDirectory = peers };
    start.Environment["SMSC_PORT"] = smppPort.ToString(CultureInfo.InvariantCulture);
    start.Environment["SMSC_HTTP_PORT"] = httpPort.ToString(CultureInfo.InvariantCulture);
    start.Environment["SMSC_RESP_DELAY_MS"] = responseDelayMs.ToString(CultureInfo.InvariantCulture);
    using var smsc = Process.Start(start)!;
    await smsc.StandardOutput.ReadLineAsync(); // "smsc listening: ..."
    try
    {
        var events = new CountingEvents(receiptDelay);
        var services = new ServiceCollection().AddSingleton<IUpstreamEvents>(events).BuildServiceProvider();
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Host"] = "127.0.0.1", ["Port"] = smppPort.ToString(CultureInfo.InvariantCulture), ["SystemId"] = "bench",
            ["Window"] = window.ToString(CultureInfo.InvariantCulture), ["SourceAddress"] = "106900", ["SubmitWaitSeconds"] = "60",
        }).Build();
        await using var channel = new SmppChannelFactory(services, TimeProvider.System, NullLoggerFactory.Instance).Create("bench", settings);
        await channel.StartAsync(CancellationToken.None);
        while (!channel.Status.Up)
        {
            await Task.Delay(10);
        }
        // Warm-up (JIT, pools): not counted.
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => channel.SubmitAsync(Message(-i - 1), CancellationToken.None)));
        while (events.Receipts < 200)
        {
            await Task.Delay(10);
        }
        events.Reset();

        var outcomes = new ConcurrentDictionary<ChannelOutcome, int>();
        var next = 0;
        var stopwatch = Stopwatch.StartNew();
        var submitters = Enumerable.Range(0, 40).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) <= messages)
            {
                var answer = await channel.SubmitAsync(Message(i), CancellationToken.None);
                outcomes.AddOrUpdate(answer.Outcome, 1, (_, n) => n + 1);
            }
        })).ToArray();
        await Task.WhenAll(submitters);
        var accepted = stopwatch.Elapsed;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var expected = outcomes.GetValueOrDefault(ChannelOutcome.Accepted);
        while (events.Receipts < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }
        var endToEnd = stopwatch.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"smpp upstream, {label}: {messages} messages, window {window}, receipts stored in {receiptDelay.TotalMilliseconds:0} ms, one bind: submit_sm_resp for all in {accepted.TotalSeconds:0.00} s ({messages / accepted.TotalSeconds:0}/s); " +
            $"all receipts in {endToEnd.TotalSeconds:0.00} s → {events.Receipts / endToEnd.TotalSeconds:0} messages/s end to end; " +
            $"outcomes {string.Join(", ", outcomes.Select(o => $"{o.Key}={o.Value}"))}; receipts {events.Receipts} (delivered {events.Delivered})"));
    }
    finally
    {
        smsc.Kill(entireProcessTree: true);
        await smsc.WaitForExitAsync();
    }
}

// Numbers end in 1: never the SMSC's 0000 (undelivered) or 9999 (refused).
static OutboundMessage Message(long i) => new(i, "B" + i.ToString(CultureInfo.InvariantCulture),
    string.Create(CultureInfo.InvariantCulture, $"1390{Math.Abs(i) % 1_000_000:D6}1"), "【SmsPortal】Your code is 246810", 1);

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

internal sealed class CountingEvents(TimeSpan receiptDelay) : IUpstreamEvents
{
    private int _receipts;
    private int _delivered;

    public int Receipts => Volatile.Read(ref _receipts);

    public int Delivered => Volatile.Read(ref _delivered);

    public void Reset()
    {
        Interlocked.Exchange(ref _receipts, 0);
        Interlocked.Exchange(ref _delivered, 0);
    }

    public async Task ReceiptAsync(string channel, string upstreamId, bool delivered, string raw, CancellationToken cancellationToken)
    {
        if (receiptDelay > TimeSpan.Zero)
        {
            await Task.Delay(receiptDelay, cancellationToken);
        }
        Interlocked.Increment(ref _receipts);
        if (delivered)
        {
            Interlocked.Increment(ref _delivered);
        }
    }

    public Task ReplyAsync(string channel, InboundReply reply, CancellationToken cancellationToken) => Task.CompletedTask;
}
