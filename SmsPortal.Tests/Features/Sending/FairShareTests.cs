using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>
/// Issue 12, finding 5: one account cannot take the whole submission queue, and the API doors limit requests per
/// account and per address. The writer is held on the SQLite write lock so the queue fills by count, not by timing.
/// </summary>
public sealed class FairShareTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync()
    {
        _portal.Settings["Sending:MaxBatch"] = "10";
        _portal.Settings["Sending:MaxWaiting"] = "40";
        _portal.Settings["Sending:MaxWaitingPerAccount"] = "10";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task AnAccountFloodingTheQueueLeavesRoomForAWellBehavedOne()
    {
        NoRateLimits();
        var abuser = await TestAccounts.CreateAsync(_portal, credits: 0);
        var polite = await TestAccounts.CreateAsync(_portal, credits: 100);
        var api = new VendorClient(_portal.CreateClient());
        var writer = _portal.Service<SubmissionWriter>();

        List<Task<VendorClient.Answer>> flood;
        List<Task<VendorClient.Answer>> wellBehaved;
        await using (await HoldWriteLockAsync())
        {
            flood = [.. Enumerable.Range(0, 100).Select(i => api.SubmitAsync(abuser.ApiId, abuser.ApiKey, Mobile(139, i), "1234", "1"))];
            // The writer holds at most one batch; every other flood submission is waiting or already answered.
            await Eventually.HoldsAsync(() => flood.Count(t => t.IsCompleted) + writer.Waiting >= 90, TimeSpan.FromSeconds(20), "the flood is queued or answered");
            wellBehaved = [.. Enumerable.Range(0, 5).Select(i => api.SubmitAsync(polite.ApiId, polite.ApiKey, Mobile(137, i), "1234", "1"))];
            // Counted per account: the writer may take its one batch from the queue meanwhile, which moves the total.
            await Eventually.HoldsAsync(() => wellBehaved.Count(t => t.IsCompleted) + writer.WaitingOf(polite.Id) >= 5, TimeSpan.FromSeconds(20), "the well-behaved submissions are queued");
        }

        var politeAnswers = await Task.WhenAll(wellBehaved);
        var floodAnswers = await Task.WhenAll(flood);

        Assert.All(politeAnswers, a => Assert.Equal(2, a.Code));
        Assert.All(floodAnswers, a => Assert.Contains(a.Code, new[] { 4051, 4089 }));
        Assert.InRange(floodAnswers.Count(a => a.Code == 4089), 80, 100);
        Assert.Equal("提交过于频繁，请稍后再试", floodAnswers.First(a => a.Code == 4089).Msg);
        Assert.Equal(5, await _portal.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == polite.Id)));
    }

    [Fact]
    public async Task ARestBatchThatMeetsAFullQueueAnswersEachMessageAndChargesOnlyTheAccepted()
    {
        NoRateLimits();
        _portal.Settings["Sending:MaxWaiting"] = "20";
        _portal.Settings["Sending:MaxWaitingPerAccount"] = "20";

        // The writer takes at most 5 into the batch it is stuck on, however late it wakes; with them the account's
        // share of 20 is full once 15 wait in the queue.
        _portal.Settings["Sending:MaxBatch"] = "5";
        var account = await TestAccounts.CreateAsync(_portal, credits: 100);
        using var client = _portal.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Id", account.ApiId);
        client.DefaultRequestHeaders.Add("X-Api-Key", account.ApiKey);
        var writer = _portal.Service<SubmissionWriter>();
        var mobiles = Enumerable.Range(0, 60).Select(i => Mobile(135, i)).ToList();

        Task<HttpResponseMessage> sending;
        await using (await HoldWriteLockAsync())
        {
            sending = client.PostAsJsonAsync("/api/v1/messages/batch", new { mobiles, templateId = 1, content = "2468" });
            await Eventually.HoldsAsync(() => writer.Waiting >= 15 || sending.IsCompleted, TimeSpan.FromSeconds(20), "the account's share is taken (5 in the stuck batch, 15 waiting)");
        }

        using var response = await sending;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(mobiles, items.Select(i => i.GetProperty("mobile").GetString()));
        var accepted = items.Where(i => i.GetProperty("code").GetInt32() == 2).ToList();
        Assert.InRange(accepted.Count, 20, 30);
        Assert.All(items.Except(accepted), i => Assert.Equal(4089, i.GetProperty("code").GetInt32()));
        Assert.All(accepted, i => Assert.Matches("^[0-9]{20}$", i.GetProperty("smsId").GetString()!));
        Assert.Equal(accepted.Count, await _portal.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == account.Id)));
        Assert.Equal(100 - accepted.Count, await _portal.CheckedBalanceAsync(account.Id));
    }

    [Fact]
    public async Task TheDoorsLimitRequestsPerAccountAndPerAddress()
    {
        _portal.Settings["RateLimits:PerAccountPerSecond"] = "2";
        _portal.Settings["RateLimits:PerAddressPerSecond"] = "3";
        var busy = await TestAccounts.CreateAsync(_portal, credits: 100);
        var other = await TestAccounts.CreateAsync(_portal, credits: 100);
        var api = new VendorClient(_portal.CreateClient());

        // One account from many addresses: its own rate refuses most of a burst of 40.
        var perAccount = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            api.SubmitAsync(busy.ApiId, busy.ApiKey, Mobile(133, i), "1234", "1", clientIp: $"10.1.0.{i + 1}")));
        Assert.InRange(perAccount.Count(a => a.Code == 4089), 20, 38);
        Assert.All(perAccount, a => Assert.Contains(a.Code, new[] { 2, 4089 }));

        // One address with many accounts' keys: the address's rate refuses most of a burst of 40, on REST too.
        var perAddress = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            api.SubmitAsync(i % 2 == 0 ? other.ApiId : PortalFactory.DemoApiId, i % 2 == 0 ? other.ApiKey : PortalFactory.DemoApiKey, Mobile(134, i), "1234", "1", json: true, clientIp: "10.2.0.1")));
        Assert.InRange(perAddress.Count(a => a.Code == 4089), 20, 38);
        using var client = _portal.CreateClient();
        var rest = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/balance");
            request.Headers.Add("X-Api-Id", PortalFactory.DemoApiId);
            request.Headers.Add("X-Api-Key", PortalFactory.DemoApiKey);
            request.Headers.Add(TestClientAddress.Header, "10.2.0.1");
            using var response = await client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }));
        var refused = rest.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Equal(4089, JsonDocument.Parse(r.Item2).RootElement.GetProperty("code").GetInt32()));

        // Another account from another address is not held back by either.
        Assert.Equal(2, (await api.SubmitAsync(other.ApiId, other.ApiKey, Mobile(132, 1), "1234", "1", clientIp: "10.3.0.1")).Code);
    }

    private void NoRateLimits()
    {
        _portal.Settings["RateLimits:PerAccountPerSecond"] = "0";
        _portal.Settings["RateLimits:PerAddressPerSecond"] = "0";
    }

    /// <summary>Takes SQLite's write lock, so the acceptance writer waits with its batch and the queue fills.</summary>
    private async Task<SqliteTransactionHold> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_portal.Root, "smsportal.db")};Pooling=False");
        await connection.OpenAsync();
        await using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }

        return new SqliteTransactionHold(connection);
    }

    private static string Mobile(int prefix, int i) => prefix.ToString(CultureInfo.InvariantCulture) + (10_000_000 + i).ToString(CultureInfo.InvariantCulture);

    private sealed class SqliteTransactionHold(SqliteConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var rollback = connection.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync();
            }

            await connection.DisposeAsync();
        }
    }
}
