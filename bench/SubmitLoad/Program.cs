// Load on the vendor Submit through the real HTTP stack of a running portal, then the accept → handed to
// channel latency read from the portal's own message table. Driven by bench/submit.sh and bench/e2e.sh, which
// start the portal on a fresh SQLite file with a demo account big enough for the run.
//   SubmitLoad throughput URL APIID APIKEY CONNECTIONS SECONDS [WARMUP-SECONDS=10]
//   SubmitLoad paced URL APIID APIKEY RATE SECONDS DBFILE
//   SubmitLoad count URL APIID APIKEY COUNT CONNECTIONS
//       exactly COUNT submits from CONNECTIONS keep-alive connections, no warm-up; prints accepted/s, latency
//       percentiles, refusals by answer code (or HTTP status, or exception) and the first submit's epoch ms.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;

var mode = args[0];
var url = args[1].TrimEnd('/') + "/sms/Submit.json";
var apiId = args[2];
var apiKey = args[3];
var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
// Numbers 13100000001 on, or from another block (SUBMITLOAD_BLOCK=1..8: 13200000001, …) so that runs against one
// portal (a warm-up, then the measured run) do not meet the per-number limits.
var block = int.TryParse(Environment.GetEnvironmentVariable("SUBMITLOAD_BLOCK"), CultureInfo.InvariantCulture, out var b) && b is >= 0 and <= 8 ? b : 0;
long next = 0;
string NextMobile() => "13" + ((block + 1) * 100_000_000L + Interlocked.Increment(ref next)).ToString(CultureInfo.InvariantCulture);

async Task<(bool Accepted, double Ms)> SubmitOnceAsync()
{
    var (code, ms) = await SubmitAnsweredAsync();
    return (code == "2", ms);
}

// The answer's code ("2" is accepted), or "HTTP n" when the status is not 200. The client is kept light (the
// form written straight to bytes, the code read without LINQ): it shares the machine with the portal it measures.
var form = $"account={Uri.EscapeDataString(apiId)}&password={Uri.EscapeDataString(apiKey)}&templateid=1&content=246810&mobile=";
async Task<(string Code, double Ms)> SubmitAnsweredAsync()
{
    var started = Stopwatch.GetTimestamp();
    using var content = new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes(form + NextMobile()));
    content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
    using var response = await http.PostAsync(url, content);
    var body = await response.Content.ReadAsStringAsync();
    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    const string prefix = "{\"code\":";
    string code;
    if (response.StatusCode != HttpStatusCode.OK)
    {
        code = $"HTTP {(int)response.StatusCode}";
    }
    else if (body.StartsWith(prefix, StringComparison.Ordinal))
    {
        var end = prefix.Length;
        while (end < body.Length && char.IsAsciiDigit(body[end]))
        {
            end++;
        }
        code = body[prefix.Length..end];
    }
    else
    {
        code = "unreadable answer";
    }
    return (code, ms);
}

static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];

if (mode == "throughput")
{
    var connections = int.Parse(args[4], CultureInfo.InvariantCulture);
    var seconds = int.Parse(args[5], CultureInfo.InvariantCulture);
    // Warm-up at full load, not counted: the JIT's tiered recompilation of the hot paths takes a few seconds of
    // CPU (on two cores shared with this client, longer), then the connection pool and SQLite's page cache.
    var warmUp = args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 10;
    var warming = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
    {
        do
        {
            await SubmitOnceAsync();
        }
        while (warming.Elapsed.TotalSeconds < warmUp);
    }));
    var latencies = new List<double>[connections];
    var accepted = 0L;
    var refused = 0L;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
    {
        latencies[c] = [];
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var (ok, ms) = await SubmitOnceAsync();
            latencies[c].Add(ms);
            if (ok) { Interlocked.Increment(ref accepted); } else { Interlocked.Increment(ref refused); }
        }
    }));
    var elapsed = clock.Elapsed.TotalSeconds;
    var all = latencies.SelectMany(l => l).Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"throughput connections={connections} warm-up={warmUp}s seconds={elapsed:F1} accepted={accepted} refused={refused} accepted/s={accepted / elapsed:F0} p50={Percentile(all, 50):F1}ms p99={Percentile(all, 99):F1}ms max={all[^1]:F1}ms"));
    return refused == 0 ? 0 : 1;
}

if (mode == "paced")
{
    var rate = int.Parse(args[4], CultureInfo.InvariantCulture);
    var seconds = int.Parse(args[5], CultureInfo.InvariantCulture);
    var database = args[6];
    var count = rate * seconds;
    var interval = TimeSpan.FromSeconds(1.0 / rate);
    var clock = Stopwatch.StartNew();
    var pending = new List<Task<(bool, double)>>(count);
    long firstId;
    await using (var before = new SqliteConnection($"Data Source={database};Mode=ReadOnly"))
    {
        await before.OpenAsync();
        await using var command = before.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(Id), 0) FROM Messages";
        firstId = (long)(await command.ExecuteScalarAsync())!;
    }

    for (var i = 0; i < count; i++)
    {
        var wait = interval * i - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        pending.Add(SubmitOnceAsync());
    }

    var results = await Task.WhenAll(pending);
    var handed = new List<double>();
    long waiting;
    await using (var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly"))
    {
        await connection.OpenAsync();
        // Until every message of this phase has left Accepted (0) and Dispatching (5, whose SubmittedAt is the
        // claim's time, not the channel's answer), at most 60 s.
        var settled = Stopwatch.StartNew();
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            await using var unsettled = connection.CreateCommand();
            unsettled.CommandText = "SELECT COUNT(*) FROM Messages WHERE Id > $first AND Status IN (0, 5)";
            unsettled.Parameters.AddWithValue("$first", firstId);
            waiting = (long)(await unsettled.ExecuteScalarAsync())!;
        }
        while (waiting > 0 && settled.Elapsed < TimeSpan.FromSeconds(60));

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT AcceptedAt, SubmittedAt FROM Messages WHERE Id > $first AND SubmittedAt IS NOT NULL AND Status NOT IN (0, 5)";
        command.Parameters.AddWithValue("$first", firstId);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            long a = reader.GetInt64(0) >> 11, s = reader.GetInt64(1) >> 11;
            // EF stores DateTimeOffset on SQLite as ((ticks / 1000) << 11) | offset minutes: units of 0.1 ms.
            handed.Add((s - a) * 1000.0 / TimeSpan.TicksPerMillisecond);
        }
    }

    handed.Sort();
    var submitLatency = results.Select(r => r.Item2).Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"paced rate={rate}/s seconds={seconds} accepted={results.Count(r => r.Item1)} handed={handed.Count} not-yet-handed={waiting} submit p50={Percentile(submitLatency, 50):F1}ms p99={Percentile(submitLatency, 99):F1}ms accept->channel p50={Percentile(handed, 50):F1}ms p99={Percentile(handed, 99):F1}ms max={(handed.Count > 0 ? handed[^1] : double.NaN):F1}ms"));
    return 0;
}

if (mode == "count")
{
    var total = int.Parse(args[4], CultureInfo.InvariantCulture);
    var connections = int.Parse(args[5], CultureInfo.InvariantCulture);
    var latencies = new List<double>[connections];
    var outcomes = new Dictionary<string, int>[connections];
    var taken = 0;
    var startedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
    {
        latencies[c] = [];
        outcomes[c] = [];
        while (Interlocked.Increment(ref taken) <= total)
        {
            string code;
            try
            {
                (code, var ms) = await SubmitAnsweredAsync();
                latencies[c].Add(ms);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                code = exception.GetType().Name;
            }
            outcomes[c][code] = outcomes[c].GetValueOrDefault(code) + 1;
        }
    }));
    var elapsed = clock.Elapsed.TotalSeconds;
    var all = latencies.SelectMany(l => l).Order().ToList();
    var byCode = outcomes.SelectMany(o => o).GroupBy(o => o.Key, o => o.Value).ToDictionary(g => g.Key, g => g.Sum());
    var accepted = byCode.GetValueOrDefault("2");
    var refusals = string.Join(",", byCode.Where(o => o.Key != "2").OrderByDescending(o => o.Value).Select(o => $"{o.Key.Replace(' ', '_')}:{o.Value}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"count messages={total} connections={connections} seconds={elapsed:F2} accepted={accepted} accepted/s={accepted / elapsed:F0} p50={Percentile(all, 50):F1}ms p99={Percentile(all, 99):F1}ms max={(all.Count > 0 ? all[^1] : double.NaN):F1}ms refused={(refusals.Length == 0 ? "none" : refusals)} started={startedMs}"));
    return accepted == total ? 0 : 1;
}

Console.Error.WriteLine("usage: SubmitLoad throughput|paced|count ...");
return 2;
