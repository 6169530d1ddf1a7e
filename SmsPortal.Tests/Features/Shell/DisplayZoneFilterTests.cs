using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Shell;

/// <summary>
/// Filters and exports in the person's display zone (decision 0028): a day of the records, replies and ledger filters is
/// a day of that zone, and the CSVs write their times in it with the zone in the column title.
/// </summary>
public sealed class DisplayZoneFilterTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    // 17:30 UTC on 1 March is 01:30 on 2 March in China: the two zones put it on different days.
    private static readonly DateTimeOffset Boundary = new(2026, 3, 1, 17, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task ADayOfTheRecordsAndRepliesExportsIsADayOfThePersonsZoneAndTheirTimesCarryIt()
    {
        var (client, accountId) = await CustomerAsync();
        await using (var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            db.Messages.Add(new Message { AccountId = accountId, Mobile = "13800138011", Text = "【SmsPortal】您的验证码是：1234。", Parts = 1, AcceptedAt = Boundary, Status = MessageStatus.Submitted, Door = SubmissionDoor.Console });
            db.Replies.Add(new Reply { AccountId = accountId, Mobile = "13800138011", To = "106900", Content = "收到", Channel = "simulator", ReceivedAt = Boundary });
            await db.SaveChangesAsync();
        }

        // China time, the platform's zone; then the person chooses UTC and the same row is on 1 March.
        await AssertTheRowIsOnAsync(client, "2026-03-02", "2026-03-01", "UTC+08:00", "2026-03-02 01:30:00");
        await ChooseZoneAsync(client, "UTC");
        await AssertTheRowIsOnAsync(client, "2026-03-01", "2026-03-02", "UTC+00:00", "2026-03-01 17:30:00");
    }

    private static async Task AssertTheRowIsOnAsync(HttpClient client, string day, string otherDay, string label, string time)
    {
        var records = await LinesAsync(client, $"/console/records/export?from={day}&to={day}");
        Assert.Equal($"smsid,Number,Message,SMS,Status,Sent at ({label}),Status at ({label}),Sent through,Country,Price (CNY)", records[0]);
        Assert.Equal(2, records.Length);
        Assert.Contains($",{time},", records[1], StringComparison.Ordinal);
        Assert.Single(await LinesAsync(client, $"/console/records/export?from={otherDay}&to={otherDay}"));
        var replies = await LinesAsync(client, $"/console/replies/export?from={day}&to={day}");
        Assert.StartsWith($"Received ({label}),", replies[0], StringComparison.Ordinal);
        Assert.StartsWith($"{time},13800138011,收到", replies[1], StringComparison.Ordinal);
        Assert.Single(await LinesAsync(client, $"/console/replies/export?from={otherDay}&to={otherDay}"));
    }

    [Fact]
    public async Task TheLedgerExportFiltersByDaysOfThePersonsZoneWritesItsTimesInItAndRefusesABadFilter()
    {
        var (client, accountId) = await CustomerAsync();
        await ChooseZoneAsync(client, "America/New_York");
        var entry = await Portal.QueryAsync(db => db.LedgerEntries.Where(e => e.AccountId == accountId).OrderBy(e => e.Id).Select(e => new { e.Id, e.CreatedAt }).FirstAsync());
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var local = TimeZoneInfo.ConvertTime(entry.CreatedAt, zone);
        var day = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var label = "UTC" + (zone.GetUtcOffset(DateTimeOffset.UtcNow) < TimeSpan.Zero ? "-" : "+") + zone.GetUtcOffset(DateTimeOffset.UtcNow).ToString(@"hh\:mm", CultureInfo.InvariantCulture);

        var lines = await LinesAsync(client, $"/console/billing/ledger.csv?from={day}&to={day}");
        Assert.Equal($"id,time ({label}),kind,amount (credits),balance_after (credits),reference,note", lines[0]);
        Assert.StartsWith($"{entry.Id},{local:yyyy-MM-dd HH:mm:ss},", lines[1], StringComparison.Ordinal);
        var dayAfter = local.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Single(await LinesAsync(client, $"/console/billing/ledger.csv?from={dayAfter}"));
        var dayBefore = local.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Single(await LinesAsync(client, $"/console/billing/ledger.csv?to={dayBefore}"));

        foreach (var (query, reason) in new[] { ("from=01/03/2026", "'01/03/2026' is not a date for 'from'"), ("kind=Bonus", "'Bonus' is not a kind of ledger entry") })
        {
            var refused = await client.GetAsync("/console/billing/ledger.csv?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(reason, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private async Task<(HttpClient Client, int AccountId)> CustomerAsync()
    {
        var email = $"zone-filter-{Guid.NewGuid():N}@example.com";
        var client = await People.RegisteredCustomerAsync(Portal, email);
        return (client, (await People.FindAsync(Portal, email))!.AccountId!.Value);
    }

    private static async Task ChooseZoneAsync(HttpClient client, string zone)
    {
        var saved = await Forms.SubmitAsync(client, "/Account/Manage", "time-zone", new Dictionary<string, string> { ["ZoneInput.Zone"] = zone });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    private static async Task<string[]> LinesAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}
