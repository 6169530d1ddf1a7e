using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace SmsPortal.Bench.Circuits;

/// <summary>
/// The load: one warm circuit, the portal's memory, N more circuits opened, its memory again, then every circuit
/// pages the records grid forward and back every interval while the dispatch → answering render batch times are kept.
/// </summary>
public sealed class LoadRun(Uri portal, string email, string password, int circuits, TimeSpan duration, TimeSpan interval, int pid, string gcdump)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private const string Path = "console/records";
    private static readonly Func<RenderBatch, bool> Ready = RecordsPage.Loaded;
    private const string Click = """{"type":"click","detail":1,"button":0,"buttons":0,"clientX":0,"clientY":0,"screenX":0,"screenY":0,"offsetX":0,"offsetY":0,"pageX":0,"pageY":0,"movementX":0,"movementY":0,"ctrlKey":false,"shiftKey":false,"altKey":false,"metaKey":false}""";

    public async Task RunAsync()
    {
        var cookie = await new Session(portal).SignInAsync(email, password);
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 });

        // One circuit to warm the portal (JIT, pools, the first queries), kept open through the whole run.
        await using var warm = new Circuit(portal, cookie, Path);
        await warm.StartAsync(http, Ready, Timeout);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Console.WriteLine($"{Path}: {warm.Components} components rendered in one circuit");
        var alone = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            alone.Add((await PageAsync(warm, forward: i % 2 == 0)).TotalMilliseconds);
        }

        if (alone.Count > 0)
        {
            Console.WriteLine($"page turns with one circuit: {string.Join(", ", alone.Select(a => $"{a:F0}"))} ms");
        }

        var before = await MemoryAsync();
        Console.WriteLine($"portal with 1 circuit: {before}");

        var open = new List<Circuit>();
        var failures = new ConcurrentDictionary<string, int>();
        var opening = Stopwatch.StartNew();
        var openTimes = new ConcurrentBag<double>();
        using (var slots = new SemaphoreSlim(16))
        {
            var tasks = Enumerable.Range(0, circuits).Select(async _ =>
            {
                await slots.WaitAsync();
                var circuit = new Circuit(portal, cookie, Path);
                try
                {
                    var watch = Stopwatch.StartNew();
                    await circuit.StartAsync(http, Ready, Timeout);
                    openTimes.Add(watch.Elapsed.TotalMilliseconds);
                    lock (open)
                    {
                        open.Add(circuit);
                    }
                }
                catch (Exception e)
                {
                    failures.AddOrUpdate($"open: {Short(e)}", 1, (_, n) => n + 1);
                    await circuit.DisposeAsync();
                }
                finally
                {
                    slots.Release();
                }
            });
            await Task.WhenAll(tasks);
        }

        var openSeconds = opening.Elapsed.TotalSeconds;
        Console.WriteLine($"opened {open.Count} of {circuits} circuits in {openSeconds:F1} s (open p50 {Percentile([.. openTimes], 50):F0} ms, p99 {Percentile([.. openTimes], 99):F0} ms)");
        await Task.Delay(TimeSpan.FromSeconds(5));
        // The working set only here: dotnet-gcdump's heap walk stops the portal for tens of seconds with a large heap,
        // long enough for SignalR to drop every connection (30 s without a message). The live heap is read at the end.
        Console.WriteLine($"portal with {open.Count + 1} circuits: working set {await RssAsync() / 1048576.0:N1} MB");

        // Interactions: each circuit clicks "next page", then "previous page", every interval, starting at a random offset.
        var latencies = new ConcurrentBag<double>();
        var until = DateTime.UtcNow + duration;
        var interacting = open.Select(async (circuit, index) =>
        {
            var random = new Random(index);
            await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * interval.TotalMilliseconds));
            var forward = true;
            while (DateTime.UtcNow < until)
            {
                var started = DateTime.UtcNow;
                try
                {
                    latencies.Add((await PageAsync(circuit, forward)).TotalMilliseconds);
                    forward = !forward;
                }
                catch (Exception e)
                {
                    failures.AddOrUpdate($"interaction: {Short(e)}", 1, (_, n) => n + 1);
                    if (circuit.Error is not null)
                    {
                        return;
                    }
                }

                var wait = interval - (DateTime.UtcNow - started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }
        });
        var load = Stopwatch.StartNew();
        var cpuBefore = PortalCpuSeconds();
        await Task.WhenAll(interacting);
        var cpu = PortalCpuSeconds() - cpuBefore;
        var alive = open.Count(c => c.Error is null);
        foreach (var reason in open.Where(c => c.Error is not null).GroupBy(c => c.Error))
        {
            Console.WriteLine($"{reason.Count()} circuits ended: {reason.Key}");
        }

        var with = await MemoryAsync();
        Console.WriteLine($"portal with {open.Count + 1} circuits, after the interactions: {with}");
        if (Environment.GetEnvironmentVariable("BENCH_HEAP_REPORT") is { Length: > 0 } report)
        {
            await File.WriteAllTextAsync(report, $"# 1 circuit\n{before.Report}\n# {open.Count + 1} circuits\n{with.Report}");
        }
        var ms = latencies.ToArray();
        Array.Sort(ms);
        Console.WriteLine($"portal CPU in the interaction phase: {cpu:F1} s in {load.Elapsed.TotalSeconds:F0} s, {cpu * 1000 / Math.Max(1, ms.Length):F0} ms a page turn (all work of the portal counted)");
        foreach (var (reason, count) in failures)
        {
            Console.WriteLine($"failed {count}×: {reason}");
        }

        var perRss = (with.Rss - before.Rss) / Math.Max(1, open.Count);
        var perHeap = (with.Heap - before.Heap) / Math.Max(1, open.Count);
        Console.WriteLine();
        Console.WriteLine("| circuits open | opened in | working set 1 → N | GC heap (live, after full GC) 1 → N | per circuit: working set / GC heap | interactions (every " +
            $"{interval.TotalSeconds:F0} s, {duration.TotalSeconds:F0} s) | p50 | p95 | p99 | max | failed | circuits alive after the interactions |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {open.Count} + 1 of {circuits} + 1 | {openSeconds:F1} s | {Mb(before.Rss)} → {Mb(with.Rss)} | {Mb(before.Heap)} → {Mb(with.Heap)} | " +
            $"**{Kb(perRss)} / {Kb(perHeap)}** | {ms.Length:N0} ({ms.Length / load.Elapsed.TotalSeconds:F0}/s) | {Percentile(ms, 50):F1} ms | {Percentile(ms, 95):F1} ms | " +
            $"**{Percentile(ms, 99):F1} ms** | {(ms.Length > 0 ? ms[^1] : 0):F1} ms | {failures.Values.Sum()} | {alive} |");
        foreach (var circuit in open)
        {
            await circuit.DisposeAsync();
        }
    }

    /// <summary>Clicks the pager's next (or previous) page button and waits for the batch that shows rows 21–40 (or 1–20).</summary>
    private static async Task<TimeSpan> PageAsync(Circuit circuit, bool forward)
    {
        var button = circuit.Find("click", h => RecordsPage.IsPagerButton(h, forward))
            ?? throw new InvalidOperationException($"no {(forward ? "next" : "previous")} page button");
        return await circuit.DispatchAsync(button, Click, null, batch => forward ? RecordsPage.Shows(batch, 21, 40) : RecordsPage.Shows(batch, 1, 20), Timeout);
    }

    private async Task<PortalMemory> MemoryAsync()
    {
        // dotnet-gcdump walks the heap after a full, blocking GC: its total is the live managed heap.
        var info = new ProcessStartInfo(gcdump, ["report", "-p", pid.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var heap = PortalMemory.ParseGcdumpTotal(output);
        return new PortalMemory(await RssAsync(), heap, output);
    }

    private async Task<long> RssAsync()
    {
        var status = await File.ReadAllLinesAsync($"/proc/{pid}/status");
        return long.Parse(status.First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private double PortalCpuSeconds()
    {
        // /proc/<pid>/stat: utime and stime (fields 14 and 15) in clock ticks (100 a second on Linux).
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0:N0} MB";

    private static string Kb(long bytes) => $"{bytes / 1024.0:N0} KB";

    private static string Short(Exception e) => $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";
}
