using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using SmsPortal.Tests.Infrastructure.Smpp;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>
/// kill -9 in the middle of a burst through an SMPP channel to smsc.js, then a restart on the same database: within
/// 30 s every accepted message has reached the SMSC, at most the bind's window of them twice, and the ledger agrees
/// with what reached it. On SQLite and on PostgreSQL.
/// </summary>
public sealed class SmppCrashTests
{
    private const string ApiId = "C77000002";
    private const string ApiKey = "smppcrashsmppcrashsmppcrash01234";
    private const int Burst = 2_400;
    private const int Window = 10;

    [Fact]
    public Task AKilledProcessResendsAtMostOneWindowOnSqlite()
    {
        var folder = Directory.CreateTempSubdirectory("smsportal-smppcrash-").FullName;
        var file = Path.Combine(folder, "portal.db");
        return RunAsync(folder, [new("ConnectionStrings__Default", $"Data Source={file}")], () => new SqliteConnection($"Data Source={file}"));
    }

    [Fact]
    [Trait("Category", "PostgreSql")]
    public async Task AKilledProcessResendsAtMostOneWindowOnPostgreSql()
    {
        var name = "smsportal_crash_" + Guid.NewGuid().ToString("N")[..10];
        var server = PostgresPortalFactory.ServerConnectionString();
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        try
        {
            await RunAsync(
                Directory.CreateTempSubdirectory("smsportal-smppcrash-pg-").FullName,
                [new("Database__Provider", "PostgreSql"), new("ConnectionStrings__Default", connection)],
                () => new NpgsqlConnection(connection));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task RunAsync(string folder, KeyValuePair<string, string>[] database, Func<DbConnection> open)
    {
        await using var smsc = await SmscPeer.StartAsync(("SMSC_DLR_DELAY_MS", "5"));
        var port = Peers.FreePort();
        var environment = PortalProcess.ProductionEnvironment(folder);
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["Bootstrap__AdminEmail"] = "admin@example.com",
            ["Bootstrap__AdminPassword"] = "Admin#2026crash",
            ["Bootstrap__DemoApiId"] = ApiId,
            ["Bootstrap__DemoApiKey"] = ApiKey,
            ["Bootstrap__DemoCredits"] = "100000",
            ["Channels__upstream__Type"] = "Smpp",
            ["Channels__upstream__Host"] = "127.0.0.1",
            ["Channels__upstream__Port"] = smsc.SmppPort.ToString(CultureInfo.InvariantCulture),
            ["Channels__upstream__SystemId"] = "portal",
            ["Channels__upstream__Password"] = "secret",
            ["Channels__upstream__SourceAddress"] = "106900",
            ["Channels__upstream__Window"] = Window.ToString(CultureInfo.InvariantCulture),
            ["Channels__upstream__ReconnectMinSeconds"] = "0",
            ["Channels__upstream__ReconnectMaxSeconds"] = "1",
            ["Dispatch__DefaultChannel"] = "upstream",
            ["Logging__LogLevel__Default"] = "Warning",
        })
        {
            environment[key] = value;
        }

        foreach (var (key, value) in database)
        {
            environment[key] = value;
        }

        var url = $"http://127.0.0.1:{port}";
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(20) };
        var first = PortalProcess.StartServing(folder, environment, url);
        Process? second = null;
        try
        {
            await PortalProcess.WaitHealthyAsync(http);
            var answers = new string?[Burst];
            var next = -1;
            var burst = Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < Burst)
                {
                    answers[i] = await SubmitAsync(http, i);
                }
            }));

            // Killed while dispatch is in full flow: hundreds sent, more accepted and waiting, more arriving.
            await Eventually.HoldsAsync(async () => await smsc.StatAsync("submits") >= Burst / 4, "dispatch is under way", TimeSpan.FromSeconds(60));
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            await burst;
            var accepted = Enumerable.Range(0, Burst).Where(i => answers[i] is not null).Select(Mobile).ToHashSet();
            Assert.True(accepted.Count > Burst / 4, $"only {accepted.Count} accepted before the kill");
            Assert.True(accepted.Count < Burst, "the kill came after the burst: nothing was cut");

            second = PortalProcess.StartServing(folder, environment, url);
            var restarted = Stopwatch.StartNew();
            var sent = new List<string>();
            await Eventually.HoldsAsync(
                async () =>
                {
                    sent = [.. (await smsc.MessagesAsync()).Select(m => m.GetProperty("destination").GetString()!)];
                    return accepted.IsSubsetOf(sent);
                },
                () => $"{accepted.Except(sent).Count()} accepted messages have not reached the SMSC ({Describe(open)})",
                TimeSpan.FromSeconds(30));
            Assert.InRange(restarted.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));

            var twice = sent.GroupBy(m => m).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(twice.Count <= Window, $"{twice.Count} numbers got the message twice (at most {Window} may): {string.Join(", ", twice.Take(20))}");
            Assert.DoesNotContain(sent.GroupBy(m => m), g => g.Count() > 2);

            // Let the restarted process settle what it can, then read the database.
            await PortalProcess.WaitHealthyAsync(http);
            await using var db = open();
            await db.OpenAsync();
            await Eventually.HoldsAsync(async () => await ScalarAsync(db, "SELECT COUNT(*) FROM \"Messages\" WHERE \"Status\" IN (0, 5)") == 0, "nothing left to dispatch");
            var stored = await ScalarAsync(db, "SELECT COUNT(*) FROM \"Messages\"");
            var reachedMobiles = sent.ToHashSet();
            Assert.Equal(stored, await ScalarAsync(db, "SELECT COUNT(*) FROM \"Messages\" WHERE \"Status\" IN (1, 2)"));
            Assert.Equal(reachedMobiles.Count, stored);
            Assert.Equal(stored, await ScalarAsync(db, "SELECT COUNT(DISTINCT \"Reference\") FROM \"LedgerEntries\" WHERE \"Kind\" = 2"));
            Assert.Equal(stored, await ScalarAsync(db, "SELECT COUNT(*) FROM \"LedgerEntries\" WHERE \"Kind\" = 2"));
            Assert.Equal(
                await ScalarAsync(db, "SELECT COUNT(*) FROM \"Messages\" WHERE \"Status\" = 2"),
                await ScalarAsync(db, "SELECT COUNT(*) FROM \"LedgerEntries\" WHERE \"Kind\" = 3"));
            Assert.Equal(0, await ScalarAsync(db, "SELECT COUNT(*) FROM \"LedgerEntries\" WHERE \"Kind\" = 4"));
            Assert.Equal(100_000 - stored, await ScalarAsync(db, "SELECT SUM(\"Amount\") FROM \"LedgerEntries\""));
            Assert.Equal(100_000 - stored, await ScalarAsync(db, "SELECT \"BalanceAfter\" FROM \"LedgerEntries\" ORDER BY \"Id\" DESC LIMIT 1"));
        }
        finally
        {
            foreach (var process in new[] { first, second })
            {
                if (process is { HasExited: false })
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }

                process?.Dispose();
            }

            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Describe(Func<DbConnection> open)
    {
        using var db = open();
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT \"Status\", COALESCE(\"ClaimedBy\", '-'), COUNT(*) FROM \"Messages\" GROUP BY \"Status\", \"ClaimedBy\"";
        using var reader = command.ExecuteReader();
        var parts = new List<string>();
        while (reader.Read())
        {
            parts.Add($"status {reader.GetInt32(0)} by {reader.GetString(1)}: {reader.GetInt64(2)}");
        }

        command.CommandText = "SELECT \"Id\" || ' ' || \"Node\" || ' ' || \"SeenAt\" FROM \"WorkerInstances\"";
        using var workers = command.ExecuteReader();
        while (workers.Read())
        {
            parts.Add("worker " + workers.GetString(0));
        }

        return string.Join("; ", parts);
    }

    private static string Mobile(int i) => "139" + (30_001_000 + i).ToString(CultureInfo.InvariantCulture);


    private static async Task<string?> SubmitAsync(HttpClient http, int i)
    {
        try
        {
            using var response = await http.PostAsync("/sms/Submit.json", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["account"] = ApiId, ["password"] = ApiKey, ["mobile"] = Mobile(i), ["templateid"] = "1", ["content"] = "7788",
            }));
            var body = await response.Content.ReadAsStringAsync();
            return body.StartsWith("{\"code\":2,", StringComparison.Ordinal) ? body : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            return null;
        }
    }


    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
