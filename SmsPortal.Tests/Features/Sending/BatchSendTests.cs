using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>
/// Batch and scheduled sends through the real HTTP stack on SQLite (decision 0036): pause, resume and cancel between
/// chunks, a restart in the middle, the vendor's stime and REST's sendAt, and a bad batch refused whole.
/// </summary>
public sealed class BatchSendTests
{
    /// <summary>Every accepted number has exactly one message and one reservation, and every message belongs to one number.</summary>
    internal static async Task AssertSentOnceAsync(PortalFactory portal, int accountId, int expectedAccepted)
    {
        var numbers = await portal.QueryAsync(db => db.SendBatchNumbers.AsNoTracking()
            .Where(n => db.SendBatches.Any(b => b.Id == n.BatchId && b.AccountId == accountId) && n.Code == (int)ResultCode.Accepted)
            .Select(n => new { n.Mobile, n.MessageId }).ToListAsync());
        var messages = await portal.QueryAsync(db => db.Messages.AsNoTracking().Where(m => m.AccountId == accountId).Select(m => new { m.Id, m.Mobile, m.AcceptedAt }).ToListAsync());
        var reserves = await portal.QueryAsync(db => db.LedgerEntries.AsNoTracking().Where(e => e.AccountId == accountId && e.Kind == LedgerEntryKind.Reserve).Select(e => new { e.Reference, e.Amount }).ToListAsync());

        Assert.Equal(expectedAccepted, numbers.Count);
        Assert.Equal(expectedAccepted, messages.Count);
        Assert.Equal(expectedAccepted, messages.Select(m => m.Mobile).Distinct().Count());
        Assert.Equal(messages.Select(m => m.Id).Order(), numbers.Select(n => n.MessageId!.Value).Order());
        Assert.Equal(messages.Select(m => m.Mobile).Order(StringComparer.Ordinal), numbers.Select(n => n.Mobile).Order(StringComparer.Ordinal));
        Assert.Equal(expectedAccepted, reserves.Count);
        Assert.Equal(messages.Select(m => Message.FormatSmsId(m.AcceptedAt, m.Id)).Order(StringComparer.Ordinal), reserves.Select(r => r.Reference!).Order(StringComparer.Ordinal));
        Assert.Equal(-expectedAccepted, reserves.Sum(r => r.Amount));
    }

    [Fact]
    public async Task PauseStopsAfterTheChunkResumeGoesOnAndCancelLeavesTheAcceptedAsTheyAre()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Batches:ChunkSize"] = "50";
        var account = await TestAccounts.CreateAsync(portal, credits: 10_000);
        using var client = BatchApi.Client(portal, account);

        var paused = await BatchApi.CreateAsync(client, BatchApi.Numbers("139", 3000));
        await BatchApi.WhenAsync(client, paused, b => BatchApi.Submitted(b) > 0, TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/batches/{paused}/pause", null)).StatusCode);

        // The worker runs one batch at a time: once a later batch is done, the paused one's last chunk is long finished.
        var later = await BatchApi.CreateAsync(client, BatchApi.Numbers("138", 20));
        await BatchApi.WhenAsync(client, later, b => BatchApi.State(b) == "done", TimeSpan.FromSeconds(60));
        var stopped = await BatchApi.GetAsync(client, paused);
        Assert.Equal("paused", BatchApi.State(stopped));
        var atPause = BatchApi.Submitted(stopped);
        Assert.InRange(atPause, 50, 2950);
        Assert.Equal(0, atPause % 50);
        Assert.Equal(atPause, BatchApi.Accepted(stopped));
        var laterStill = await BatchApi.CreateAsync(client, BatchApi.Numbers("137", 20));
        await BatchApi.WhenAsync(client, laterStill, b => BatchApi.State(b) == "done", TimeSpan.FromSeconds(60));
        Assert.Equal(atPause, BatchApi.Submitted(await BatchApi.GetAsync(client, paused)));

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/batches/{paused}/resume", null)).StatusCode);
        var done = await BatchApi.WhenAsync(client, paused, b => BatchApi.State(b) == "done", TimeSpan.FromSeconds(120));
        Assert.Equal(3000, BatchApi.Accepted(done));
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/v1/batches/{paused}/pause", null)).StatusCode);

        var cancelled = await BatchApi.CreateAsync(client, BatchApi.Numbers("136", 3000));
        await BatchApi.WhenAsync(client, cancelled, b => BatchApi.Submitted(b) > 0, TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/batches/{cancelled}/cancel", null)).StatusCode);
        var afterCancel = await BatchApi.CreateAsync(client, BatchApi.Numbers("135", 20));
        await BatchApi.WhenAsync(client, afterCancel, b => BatchApi.State(b) == "done", TimeSpan.FromSeconds(60));
        var gone = await BatchApi.GetAsync(client, cancelled);
        Assert.Equal("cancelled", BatchApi.State(gone));
        Assert.InRange(BatchApi.Submitted(gone), 50, 2950);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/v1/batches/{cancelled}/resume", null)).StatusCode);

        var accepted = 3000 + 20 + 20 + 20 + BatchApi.Accepted(gone);
        await AssertSentOnceAsync(portal, account.Id, accepted);
        Assert.Equal(10_000 - accepted, await portal.QueryAsync(db => db.LedgerEntries.Where(e => e.AccountId == account.Id && e.Kind != LedgerEntryKind.Refund && e.Kind != LedgerEntryKind.Settle).SumAsync(e => e.Amount)));
    }

    [Fact]
    public async Task ARestartInTheMiddleResumesWithNoNumberSentTwiceAndNoneLost()
    {
        var folder = Directory.CreateTempSubdirectory("smsportal-batch-restart-").FullName;
        var database = $"Data Source={Path.Combine(folder, "portal.db")}";
        const int total = 20_000;
        int batchId;
        TestAccounts.Made account;
        int atStop;
        await using (var first = new PortalFactory())
        {
            first.Settings["ConnectionStrings:Default"] = database;
            first.Settings["Batches:ChunkSize"] = "200";
            account = await TestAccounts.CreateAsync(first, credits: total);
            using var client = BatchApi.Client(first, account);
            batchId = await BatchApi.CreateAsync(client, BatchApi.Numbers("139", total));
            atStop = BatchApi.Submitted(await BatchApi.WhenAsync(client, batchId, b => BatchApi.Submitted(b) >= 1000, TimeSpan.FromSeconds(120)));
        }

        // Stopped with a chunk in flight: what the writer committed is recorded, the rest is undecided.
        await using var second = new PortalFactory();
        second.Settings["ConnectionStrings:Default"] = database;
        second.Settings["Batches:ChunkSize"] = "200";
        using (var client = BatchApi.Client(second, account))
        {
            var stopped = await BatchApi.GetAsync(client, batchId);
            Assert.InRange(BatchApi.Submitted(stopped), atStop, total - 1);
            var done = await BatchApi.WhenAsync(client, batchId, b => BatchApi.State(b) == "done", TimeSpan.FromSeconds(240));
            Assert.Equal(total, BatchApi.Submitted(done));
            Assert.Equal(total, BatchApi.Accepted(done));
        }

        await AssertSentOnceAsync(second, account.Id, total);
        Assert.Equal(0, await second.QueryAsync(db => db.SendBatchNumbers.CountAsync(n => n.BatchId == batchId && n.Code == null)));
    }

    [Fact]
    public async Task AVendorStimeInTheFutureRunsAtItsTimeAndABadOrPastOneCreatesNothing()
    {
        await using var portal = new PortalFactory();
        var account = await TestAccounts.CreateAsync(portal, credits: 100);
        var vendor = new VendorClient(portal.CreateClient());
        var beijing = TimeSpan.FromHours(8);
        var at = DateTimeOffset.UtcNow.AddSeconds(4).ToOffset(beijing);
        var stime = at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

        var answer = await vendor.CallAsync("Submit", new Dictionary<string, string>
        {
            ["account"] = account.ApiId, ["password"] = account.ApiKey, ["mobile"] = "13800138301,13800138302", ["templateid"] = "1", ["content"] = "5678", ["stime"] = stime,
        }, json: true);

        Assert.Equal(2, answer.Code);
        Assert.Equal("提交成功", answer.Msg);
        var batch = await portal.QueryAsync(db => db.SendBatches.AsNoTracking().SingleAsync(b => b.AccountId == account.Id));
        Assert.Equal(SubmissionDoor.VendorApi, batch.Door);
        Assert.Equal(2, batch.Total);
        Assert.Equal(at.ToUnixTimeSeconds(), batch.ScheduledAt.ToUnixTimeSeconds());
        using var client = BatchApi.Client(portal, account);
        var done = await BatchApi.WhenAsync(client, batch.Id, b => BatchApi.State(b) == "done", TimeSpan.FromSeconds(60));
        Assert.Equal(2, BatchApi.Accepted(done));
        var sent = await portal.QueryAsync(db => db.Messages.AsNoTracking().Where(m => m.AccountId == account.Id).ToListAsync());
        Assert.Equal(["13800138301", "13800138302"], sent.Select(m => m.Mobile).Order(StringComparer.Ordinal));
        Assert.All(sent, m => Assert.True(m.AcceptedAt >= at.AddSeconds(-1), $"sent at {m.AcceptedAt:O}, scheduled for {at:O}"));
        Assert.All(sent, m => Assert.Equal(SubmissionDoor.VendorApi, m.Door));

        foreach (var (bad, code) in new[] { ("tomorrow", 4090), ("2026-13-01 10:00:00", 4090), (DateTimeOffset.UtcNow.AddHours(-1).ToOffset(beijing).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), 4091), (DateTimeOffset.UtcNow.AddDays(400).ToOffset(beijing).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), 4091) })
        {
            var refused = await vendor.CallAsync("Submit", new Dictionary<string, string>
            {
                ["account"] = account.ApiId, ["password"] = account.ApiKey, ["mobile"] = "13800138303", ["templateid"] = "1", ["content"] = "5678", ["stime"] = bad,
            });
            Assert.Equal(code, refused.Code);
            Assert.Equal(code == 4090 ? "定时发送时间格式不正确" : "定时发送时间已过期或超出允许范围", refused.Msg);
        }

        Assert.Equal(1, await portal.QueryAsync(db => db.SendBatches.CountAsync(b => b.AccountId == account.Id)));
    }

    [Fact]
    public async Task RestRefusesABadSendAtABadNumberOrAMessageNoTemplateMatchesAndStoresNothing()
    {
        await using var portal = new PortalFactory();
        var account = await TestAccounts.CreateAsync(portal, credits: 100);
        using var client = BatchApi.Client(portal, account);

        async Task<(HttpStatusCode Status, int Code)> PostAsync(object body)
        {
            var response = await client.PostAsJsonAsync("/api/v1/batches", body);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (response.StatusCode, problem.GetProperty("code").GetInt32());
        }

        Assert.Equal((HttpStatusCode.BadRequest, 4090), await PostAsync(new { mobiles = new[] { "13800138401" }, templateId = 1, content = "1234", sendAt = "next week" }));
        Assert.Equal((HttpStatusCode.BadRequest, 4090), await PostAsync(new { mobiles = new[] { "13800138401" }, templateId = 1, content = "1234", sendAt = "2026-12-24T09:00:00" }));
        Assert.Equal((HttpStatusCode.BadRequest, 4091), await PostAsync(new { mobiles = new[] { "13800138401" }, templateId = 1, content = "1234", sendAt = DateTimeOffset.UtcNow.AddMinutes(-10).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture) }));
        Assert.Equal((HttpStatusCode.BadRequest, 406), await PostAsync(new { mobiles = new[] { "13800138401", "1380013" }, templateId = 1, content = "1234" }));
        Assert.Equal((HttpStatusCode.BadRequest, 4071), await PostAsync(new { mobiles = new[] { "13800138401" }, content = "a text no template has" }));
        Assert.Equal((HttpStatusCode.BadRequest, 40722), await PostAsync(new { mobiles = new[] { "13800138401" }, templateId = 1, content = "123456789" }));

        Assert.Equal(0, await portal.QueryAsync(db => db.SendBatches.CountAsync(b => b.AccountId == account.Id)));
        Assert.Equal(0, await portal.QueryAsync(db => db.SendBatchNumbers.CountAsync()));
    }
}
