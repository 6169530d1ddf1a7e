using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Platform;
using SmsPortal.Infrastructure.Records;
using SmsPortal.Infrastructure.Statistics;

namespace SmsPortal.Bench.Records;

/// <summary>
/// Times the portal's own query code, the services the pages and exports call (never a copy of their SQL): each
/// records filter as the records page asks for a page of 20, every statistics card, and an export of the big account's
/// rows with the peak of the managed heap while it streams.
/// </summary>
internal sealed class Measurer(IDbContextFactory<SmsPortalDbContext> contexts, MessageRecords records, SendStatistics statistics, PlatformActivityQuery activity)
{
    public async Task<List<Timing>> QueriesAsync(int repeats, TimeSpan budget, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var big = await db.Accounts.Where(a => a.ApiId == "BENCH00000").Select(a => a.Id).SingleAsync(cancellationToken);
        var median = await db.Accounts.Where(a => a.ApiId == "BENCH00500").Select(a => a.Id).SingleAsync(cancellationToken);
        var bigCount = await db.Messages.CountAsync(m => m.AccountId == big, cancellationToken);
        var medianCount = await db.Messages.CountAsync(m => m.AccountId == median, cancellationToken);
        // A number the big account sent to about a month ago, and a part of one (what a person types).
        var someMobile = await db.Messages.Where(m => m.AccountId == big).OrderBy(m => m.Id).Skip(bigCount / 2).Select(m => m.Mobile).FirstAsync(cancellationToken);
        var today = statistics.Today;
        var timings = new List<Timing>();
        var accounts = new[] { ("big", big, bigCount), ("median", median, medianCount) };

        foreach (var (name, id, count) in accounts)
        {
            var label = $"{name} account ({count:N0} msgs)";
            var filters = new (string Name, RecordFilter Filter)[]
            {
                ("no filter", new RecordFilter()),
                ("status pending", new RecordFilter(RecordStatus.Pending)),
                ("status delivered", new RecordFilter(RecordStatus.Delivered)),
                ("status failed", new RecordFilter(RecordStatus.Failed)),
                ("last 7 days", new RecordFilter(From: today.AddDays(-6), To: today)),
                ("one day, 30 days ago", new RecordFilter(From: today.AddDays(-30), To: today.AddDays(-30))),
                ("failed, one day 30 days ago", new RecordFilter(RecordStatus.Failed, today.AddDays(-30), today.AddDays(-30))),
                ("mobile, whole number", new RecordFilter(Mobile: someMobile)),
                ("mobile, 4 digits", new RecordFilter(Mobile: someMobile[3..7])),
                ("content, common word", new RecordFilter(Content: "验证码")),
                ("content, no match", new RecordFilter(Content: "不存在的词")),
            };
            foreach (var (filterName, filter) in filters)
            {
                timings.Add(await TimeAsync("records page", $"{label}: {filterName}", repeats, budget,
                    token => records.SearchAsync(id, filter, 0, 20, token), cancellationToken));
            }

            timings.Add(await TimeAsync("records page", $"{label}: page 50 of no filter", repeats, budget,
                token => records.SearchAsync(id, new RecordFilter(), 49 * 20, 20, token), cancellationToken));
            // The grid's next page: the rows after the last id of the page before (keyset), here page 50 after page 49.
            var page49 = await records.SearchAsync(id, new RecordFilter(), 48 * 20, 20, cancellationToken);
            timings.Add(await TimeAsync("records page", $"{label}: page 50 of no filter, after page 49's last id", repeats, budget,
                token => records.SearchAsync(id, new RecordFilter(), 49 * 20, 20, page49.Rows[^1].Id, token), cancellationToken));
            timings.Add(await TimeAsync("records page", $"{label}: last 7 days in Tokyo's days", repeats, budget,
                token => records.SearchAsync(id, new RecordFilter(From: today.AddDays(-6), To: today, Zone: TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")), 0, 20, token), cancellationToken));
            timings.Add(await TimeAsync("card", $"{label}: records/overview today, week, month", repeats, budget,
                token => records.StatisticsAsync(id, token), cancellationToken));
            timings.Add(await TimeAsync("card", $"{label}: overview chart, 7 days", repeats, budget,
                token => records.DailyAsync(id, 7, token), cancellationToken));
            timings.Add(await TimeAsync("card", $"{label}: overview chart, 30 days", repeats, budget,
                token => records.DailyAsync(id, 30, token), cancellationToken));
            foreach (var by in new[] { StatisticsGrouping.Day, StatisticsGrouping.Template, StatisticsGrouping.Signature, StatisticsGrouping.Carrier, StatisticsGrouping.Country })
            {
                timings.Add(await TimeAsync("statistics", $"{label}: by {by}, 30 days", repeats, budget,
                    token => statistics.ReadAsync(new StatisticsQuery(id, today.AddDays(-29), today, by), token), cancellationToken));
                timings.Add(await TimeAsync("statistics", $"{label}: by {by}, 92 days", repeats, budget,
                    token => statistics.ReadAsync(new StatisticsQuery(id, today.AddDays(-91), today, by), token), cancellationToken));
            }
        }

        timings.Add(await TimeAsync("card", "admin dashboard (platform activity)", repeats, budget, token => activity.ReadAsync(token), cancellationToken));
        foreach (var by in Enum.GetValues<StatisticsGrouping>())
        {
            timings.Add(await TimeAsync("statistics", $"platform: by {by}, 30 days", repeats, budget,
                token => statistics.ReadAsync(new StatisticsQuery(null, today.AddDays(-29), today, by), token), cancellationToken));
            timings.Add(await TimeAsync("statistics", $"platform: by {by}, 92 days", repeats, budget,
                token => statistics.ReadAsync(new StatisticsQuery(null, today.AddDays(-91), today, by), token), cancellationToken));
        }

        return timings;
    }

    /// <summary>Streams every row of the big account through <see cref="MessageRecords.ExportAsync"/> into CSV lines, sampling the managed heap.</summary>
    public async Task<ExportResult> ExportAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var big = await db.Accounts.Where(a => a.ApiId == "BENCH00000").Select(a => a.Id).SingleAsync(cancellationToken);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(true);
        var peak = baseline;
        long atFirst = 0;
        var allocated = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        long rows = 0;
        await using var writer = new StreamWriter(Stream.Null);
        await foreach (var row in records.ExportAsync(big, new RecordFilter(), cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(',', row.SmsId, row.Mobile, row.Text.Replace("\"", "\"\"", StringComparison.Ordinal), row.Parts.ToString(CultureInfo.InvariantCulture),
                row.Status, row.AcceptedAt.ToString("O", CultureInfo.InvariantCulture), row.DoneAt?.ToString("O", CultureInfo.InvariantCulture), row.Door));
            if (++rows % 20_000 == 0)
            {
                var heap = GC.GetTotalMemory(false);
                peak = Math.Max(peak, heap);
                if (rows == 100_000)
                {
                    atFirst = peak;
                }
            }
        }

        return new ExportResult(rows, watch.Elapsed, baseline, atFirst, peak, GC.GetTotalAllocatedBytes() - allocated);
    }

    private static async Task<Timing> TimeAsync<T>(string kind, string name, int repeats, TimeSpan budget, Func<CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        if (!Selected(name))
        {
            return new Timing(kind, name, 0, double.NaN, double.NaN);
        }

        // A run that takes longer than the cut is stopped (the services take a token) and reported as longer than the cut.

        async Task<double?> OnceAsync()
        {
            using var cut = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cut.CancelAfter(Cut);
            var one = Stopwatch.StartNew();
            try
            {
                await run(cut.Token);
                return one.Elapsed.TotalMilliseconds;
            }
            catch (OperationCanceledException) when (cut.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }

        var samples = new List<double>();
        var total = Stopwatch.StartNew();
        var timing = await OnceAsync() is null // warm: the first call compiles the query
            ? new Timing(kind, name, 0, double.PositiveInfinity, double.PositiveInfinity)
            : null;
        while (timing is null && samples.Count < repeats && (samples.Count < 3 || total.Elapsed < budget))
        {
            if (await OnceAsync() is not { } ms)
            {
                timing = new Timing(kind, name, samples.Count + 1, double.PositiveInfinity, double.PositiveInfinity);
                break;
            }

            samples.Add(ms);
        }

        samples.Sort();
        double Percentile(double p) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(p / 100 * samples.Count) - 1)];
        timing ??= new Timing(kind, name, samples.Count, Percentile(50), Percentile(99));
        Console.Error.WriteLine($"{timing.Kind,-12} {timing.Name,-70} n={timing.Runs,3} p50={timing.P50,9:F1} ms p99={timing.P99,9:F1} ms");
        return timing;
    }

    /// <summary>
    /// Whether a query is timed: BENCH_ONLY, when set, names the queries to time by parts of their names, separated by
    /// "|" (e.g. "platform|admin dashboard|big account (" ); unset, every query is.
    /// </summary>
    private static bool Selected(string name) =>
        Environment.GetEnvironmentVariable("BENCH_ONLY") is not { Length: > 0 } only
        || only.Split('|', StringSplitOptions.RemoveEmptyEntries).Any(part => name.Contains(part, StringComparison.Ordinal));

    /// <summary>The longest one run may take before it is stopped (BENCH_CUT_SECONDS, default 20).</summary>
    private static TimeSpan Cut => TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("BENCH_CUT_SECONDS"), out var s) ? s : 20);
}
