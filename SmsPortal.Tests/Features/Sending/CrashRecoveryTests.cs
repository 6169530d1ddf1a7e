using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>
/// kill -9 in the middle of a burst, then a restart on the same database: every message answered 2 is
/// dispatched and settled once, and the ledger balances.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const string ApiId = "C77000001";
    private const string ApiKey = "crashcrashcrashcrashcrash0123456";

    [Fact]
    public async Task EveryMessageAnsweredAcceptedSurvivesAKillAndIsSettledExactlyOnce()
    {
        var folder = Directory.CreateTempSubdirectory("smsportal-crash-").FullName;
        var port = Peers.FreePort();
        var environment = PortalProcess.ProductionEnvironment(folder);
        foreach (var (key, value) in new Dictionary<string, string>
                 {
                     ["Bootstrap__AdminEmail"] = "admin@example.com",
                     ["Bootstrap__AdminPassword"] = "Admin#2026crash",
                     ["Bootstrap__DemoApiId"] = ApiId,
                     ["Bootstrap__DemoApiKey"] = ApiKey,
                     ["Bootstrap__DemoCredits"] = "100000",
                     // Production has no simulator unless it is asked for; this test is about the outbox, not an upstream.
                     ["Channels__Simulator__Enabled"] = "true",
                     ["Channels__Simulator__ReceiptDelayMilliseconds"] = "200",
                     ["Dispatch__ClaimTimeoutSeconds"] = "3",
                     ["Logging__LogLevel__Default"] = "Warning",
                 })
        {
            environment[key] = value;
        }
        var url = $"http://127.0.0.1:{port}";
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(20) };

        var first = PortalProcess.StartServing(folder, environment, url);
        await PortalProcess.WaitHealthyAsync(http);
        var burst = Enumerable.Range(0, 400).Select(i => SubmitAsync(http, i)).ToList();
        // Kill in the middle: once some answers came back and many requests are still in flight.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Volatile.Read(ref _answered) < 40 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync();
        var answers = await Task.WhenAll(burst);
        var accepted = answers.Where(a => a is not null).Select(a => a!).ToList();
        Assert.NotEmpty(accepted);
        Assert.Contains(answers, a => a is null); // the kill really cut the burst

        using var second = PortalProcess.StartServing(folder, environment, url);
        try
        {
            await PortalProcess.WaitHealthyAsync(http);
            await WaitAllFinalAsync(folder, TimeSpan.FromSeconds(90));

            await using var db = new SqliteConnection($"Data Source={Path.Combine(folder, "portal.db")}");
            await db.OpenAsync();
            var stored = await ReadAsync(db, "SELECT Id, Status FROM Messages");
            foreach (var smsId in accepted)
            {
                var id = long.Parse(smsId[10..], System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(stored.ContainsKey(id), $"accepted {smsId} was lost");
                Assert.Equal(2L, stored[id]);
            }

            var reserves = await ReadAsync(db, "SELECT Reference, COUNT(*) FROM LedgerEntries WHERE Kind = 2 GROUP BY Reference", key: 0, text: true);
            var settles = await ReadAsync(db, "SELECT Reference, COUNT(*) FROM LedgerEntries WHERE Kind IN (3, 4) GROUP BY Reference", key: 0, text: true);
            Assert.Equal(stored.Count, reserves.Count);
            Assert.All(reserves.Values, count => Assert.Equal(1L, count));
            Assert.Equal(stored.Count, settles.Count);
            Assert.All(settles.Values, count => Assert.Equal(1L, count));
            await using var sum = db.CreateCommand();
            sum.CommandText = "SELECT SUM(Amount), (SELECT BalanceAfter FROM LedgerEntries ORDER BY Id DESC LIMIT 1) FROM LedgerEntries";
            await using var reader = await sum.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal(reader.GetInt64(0), reader.GetInt64(1));
            Assert.Equal(100_000 - stored.Count, reader.GetInt64(0));
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }


    private int _answered;

    private async Task<string?> SubmitAsync(HttpClient http, int i)
    {
        // Spread over the burst so that some requests are in flight when the process dies.
        await Task.Delay(i * 10);
        try
        {
            using var response = await http.PostAsync("/sms/Submit.json", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["account"] = ApiId, ["password"] = ApiKey, ["mobile"] = "139" + (20_000_001 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), ["templateid"] = "1", ["content"] = "7788",
            }));
            var body = await response.Content.ReadAsStringAsync();
            Interlocked.Increment(ref _answered);
            return body.StartsWith("{\"code\":2,", StringComparison.Ordinal) ? body[^22..^2] : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            return null;
        }
    }


    private static async Task WaitAllFinalAsync(string folder, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var db = new SqliteConnection($"Data Source={Path.Combine(folder, "portal.db")}");
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM Messages WHERE Status NOT IN (2, 3, 4)";
            if ((long)(await command.ExecuteScalarAsync())! == 0)
            {
                return;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("Messages were still in flight.");
    }

    private static async Task<Dictionary<object, long>> ReadAsync(SqliteConnection db, string sql, int key = 0, bool text = false)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<object, long>();
        while (await reader.ReadAsync())
        {
            rows[text ? reader.GetString(key) : reader.GetInt64(key)] = reader.GetInt64(1);
        }

        return rows;
    }
}
