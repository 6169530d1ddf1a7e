// Records, statistics and exports at scale (issue 15). Usage:
//   dotnet run -c Release --project bench/records -- fill [messages=10000000] [accounts=1000] [days=90]
//   dotnet run -c Release --project bench/records -- measure [repeats=30] [no-export]
//   dotnet run -c Release --project bench/records -- fold      (the rollup job's work, all finished days at once)
//   dotnet run -c Release --project bench/records -- index     (the text index's background step, up to the newest message)
// BENCH_ONLY="pending|4 digits|content" measures only the queries whose names contain one of the parts (default: all).
// The database: ConnectionStrings__Default (default: bench/records/records.db under the current directory) and
// Database__Provider (Sqlite or PostgreSql), as the portal reads them. bench/records/run.sh does both in one command.
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmsPortal.Bench.Records;
using SmsPortal.Infrastructure;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Platform;
using SmsPortal.Infrastructure.Records;
using SmsPortal.Infrastructure.Statistics;

var command = args.Length > 0 ? args[0] : "measure";
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : fallback;
var folder = Directory.CreateTempSubdirectory("smsportal-records-").FullName;
// Development: the data-protection certificate is made in the temporary content root, as on a developer's machine.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development, ContentRootPath = folder });
var postgres = string.Equals(builder.Configuration["Database:Provider"], "PostgreSql", StringComparison.OrdinalIgnoreCase);
var connection = builder.Configuration["ConnectionStrings:Default"] ?? $"Data Source={Path.GetFullPath("bench/records/records.db")}";
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:Default"] = connection,
    ["Bootstrap:AdminEmail"] = "bench@example.com",
    ["Bootstrap:AdminPassword"] = "Bench#2026bench",
    // Web only: no dispatch or expiry touches the generated rows while they are measured.
    ["Node:Roles"] = "Web",
    ["Mail:PickupDirectory"] = Path.Combine(folder, "mail"),
    // The text index is written by the "index" step, not in the background while queries are timed.
    ["Records:TextIndex"] = "false",
});
builder.Logging.SetMinimumLevel(LogLevel.Warning);
// A database filled by another run holds data-protection keys made with that run's certificate: nothing here uses them.
builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.None);
builder.Services.AddInfrastructure(builder.Configuration, builder.Environment);
builder.Services.AddSingleton<Measurer>();
using var host = builder.Build();
await host.StartAsync(); // applies the migrations and seeds, as the portal does
var cancellation = CancellationToken.None;
try
{
    switch (command)
    {
        case "fill":
            var filler = new Filler(host.Services.GetRequiredService<IDbContextFactory<SmsPortalDbContext>>(), postgres, connection);
            var filled = await filler.FillAsync(Arg(1, 10_000_000), Arg(2, 1000), Arg(3, 90), 15, cancellation);
            Console.WriteLine($"filled {(postgres ? "PostgreSQL" : "SQLite")}: {filled.Messages:N0} messages, {filled.Accounts:N0} accounts, {filled.Days} days in {filled.Took.TotalSeconds:F0} s " +
                $"({filled.Messages / filled.Took.TotalSeconds:N0} rows/s)");
            break;
        case "fold":
            // What the recurring job does, all at once: every finished day into the rollups, then the pending messages.
            var rollups = host.Services.GetRequiredService<DayRollups>();
            var foldWatch = System.Diagnostics.Stopwatch.StartNew();
            var days = await rollups.FoldDaysAsync(int.MaxValue, cancellation);
            var settled = await rollups.SettleAsync(cancellation);
            await using (var db = await host.Services.GetRequiredService<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync(cancellation))
            {
                Console.WriteLine($"folded {days} days in {foldWatch.Elapsed.TotalSeconds:F0} s ({settled} pending settled): {await db.MessageDayCounts.CountAsync(cancellation):N0} rollup rows, " +
                    $"{await db.MessageDayPendings.CountAsync(cancellation):N0} messages pending");
            }

            break;
        case "index":
            // What the text index's background step does (MessageTextIndex), from its mark to the newest message.
            var indexWatch = System.Diagnostics.Stopwatch.StartNew();
            // Batches of BENCH_INDEX_BATCH (default 20,000): nothing is sent meanwhile, so no writer waits behind a batch.
            var indexBatch = int.TryParse(Environment.GetEnvironmentVariable("BENCH_INDEX_BATCH"), out var b) ? b : 20_000;
            var indexed = await host.Services.GetRequiredService<MessageTextIndex>().CatchUpAsync(indexBatch, cancellation);
            Console.WriteLine($"indexed the text of {indexed:N0} messages in {indexWatch.Elapsed.TotalSeconds:F0} s ({indexed / Math.Max(1, indexWatch.Elapsed.TotalSeconds):N0} rows/s)");
            break;
        case "measure":
            var measurer = host.Services.GetRequiredService<Measurer>();
            bool rolled;
            await using (var db = await host.Services.GetRequiredService<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync(cancellation))
            {
                rolled = await db.MessageDayFolds.AnyAsync(cancellation);
            }

            // Queries BENCH_ONLY leaves out are not in the table.
            var timings = (await measurer.QueriesAsync(Arg(1, 30), TimeSpan.FromSeconds(20), cancellation)).Where(t => !double.IsNaN(t.P99)).ToList();
            string Ms(double value) => double.IsPositiveInfinity(value) ? $"> {Environment.GetEnvironmentVariable("BENCH_CUT_SECONDS") ?? "20"} s (stopped)" : $"{value:N1} ms";
            Console.WriteLine($"| {(postgres ? "PostgreSQL" : "SQLite")}, {(rolled ? "with rollups" : "without rollups")} | query | runs | p50 | p99 | ≤ 200 ms |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var t in timings)
            {
                Console.WriteLine($"| {t.Kind} | {t.Name} | {t.Runs} | {Ms(t.P50)} | {Ms(t.P99)} | {(t.Meets ? "yes" : "**no**")} |");
            }

            Console.WriteLine($"\n{timings.Count(t => t.Meets)} of {timings.Count} queries with p99 ≤ 200 ms.\n");
            if (args.Length > 2 && args[2] == "no-export")
            {
                break;
            }

            var export = await measurer.ExportAsync(cancellation);
            Console.WriteLine($"export: {export.Rows:N0} rows in {export.Took.TotalSeconds:F1} s ({export.Rows / export.Took.TotalSeconds:N0} rows/s); managed heap " +
                $"{export.BaselineBytes / 1048576.0:F1} MiB before, {export.After100kBytes / 1048576.0:F1} MiB after 100,000 rows, peak {export.PeakBytes / 1048576.0:F1} MiB; " +
                $"{export.AllocatedBytes / 1048576.0:N0} MiB allocated in all");
            break;
        default:
            Console.Error.WriteLine("usage: fill [messages] [accounts] [days] | fold | index | measure [repeats] [no-export]");
            return 2;
    }
}
finally
{
    await host.StopAsync();
    Directory.Delete(folder, recursive: true);
}

return 0;
