// Measures how long a Hangfire job waits between Enqueue and the start of its execution, on the
// portal's own job configuration (AddInfrastructure). Usage:
//   dotnet run -c Release --project bench/JobLatency -- [count=2000] [perSecond=200]
// On PostgreSQL: Database__Provider=PostgreSql ConnectionStrings__Default=... dotnet run ...
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmsPortal.Infrastructure;

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var perSecond = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var folder = Directory.CreateTempSubdirectory("smsportal-bench-").FullName;

var builder = Host.CreateApplicationBuilder();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:Default"] = builder.Configuration["ConnectionStrings:Default"] ?? $"Data Source={Path.Combine(folder, "bench.db")}",
    ["Bootstrap:AdminEmail"] = "bench@example.com",
    ["Bootstrap:AdminPassword"] = "Bench#2026bench",
    ["Node:Roles"] = "Worker",
    ["Mail:PickupDirectory"] = Path.Combine(folder, "mail"),
});
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddInfrastructure(builder.Configuration, builder.Environment);
using var host = builder.Build();
await host.StartAsync();

var jobs = host.Services.GetRequiredService<IBackgroundJobClient>();
var interval = TimeSpan.FromSeconds(1.0 / perSecond);
var clock = Stopwatch.StartNew();
for (var i = 0; i < count; i++)
{
    // Paced, not bursted: a fixed arrival rate like a stream of accepted messages.
    var due = interval * i;
    var wait = due - clock.Elapsed;
    if (wait > TimeSpan.Zero)
    {
        await Task.Delay(wait);
    }

    LatencyProbe.Enqueued[i] = Stopwatch.GetTimestamp();
    var id = i;
    jobs.Enqueue<LatencyProbe>(probe => probe.Run(id));
}

var deadline = Stopwatch.StartNew();
while (LatencyProbe.Started.Count < count && deadline.Elapsed < TimeSpan.FromSeconds(60))
{
    await Task.Delay(50);
}

await host.StopAsync();
var latencies = LatencyProbe.Started.Select(s => Stopwatch.GetElapsedTime(LatencyProbe.Enqueued[s.Key], s.Value).TotalMilliseconds).Order().ToArray();
double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p / 100 * latencies.Length) - 1)];
Console.WriteLine($"provider={builder.Configuration["Database:Provider"] ?? "Sqlite"} jobs={count} rate={perSecond}/s started={latencies.Length} " +
    $"p50={Percentile(50):F1}ms p95={Percentile(95):F1}ms p99={Percentile(99):F1}ms max={latencies[^1]:F1}ms");
Directory.Delete(folder, recursive: true);
return latencies.Length == count ? 0 : 1;

public sealed class LatencyProbe
{
    public static readonly ConcurrentDictionary<int, long> Enqueued = new();
    public static readonly ConcurrentDictionary<int, long> Started = new();

    public void Run(int id) => Started.TryAdd(id, Stopwatch.GetTimestamp());
}
