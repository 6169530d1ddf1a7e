using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Platform;
using SmsPortal.Infrastructure.Records;
using SmsPortal.Infrastructure.Statistics;
using SmsPortal.Tests.Support;
using static SmsPortal.Tests.Features.Statistics.StatisticsWorld;

namespace SmsPortal.Tests.Features.Statistics;

/// <summary>The daily rollups on SQLite: the statistics' numbers are the same with them as counted from the messages.</summary>
public sealed class DayRollupsTests(PortalFixture fixture) : DayRollupsCases, IClassFixture<PortalFixture>
{
    protected override PortalFactory Portal => fixture.Portal;
}

/// <summary>The same on PostgreSQL.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgresDayRollupsTests(PostgresPortalFixture fixture) : DayRollupsCases, IClassFixture<PostgresPortalFixture>
{
    protected override PortalFactory Portal => fixture.Portal;
}

/// <summary>
/// One story per portal (a fold takes every finished day, so the days are written once, before it): messages over three
/// weeks and today in two accounts, every statistics reading and records total taken counted from the messages, then
/// again after the fold, after today was folded up to a mark and on from it, after a message accepted just after the
/// mark, after receipts for messages that were pending at the fold (today's too), and after the job settled them.
/// Each time the readings must be the readings without rollups.
/// </summary>
public abstract class DayRollupsCases
{
    private static readonly string[] Mobiles = ["13800138000", "13012345678", "13312345678", "852 91234567", "15900001111"];
    private static readonly string[] Channels = ["cmcc", "unicom", "http-intl"];

    protected abstract PortalFactory Portal { get; }

    [Fact]
    public async Task StatisticsReadTheSameWithRollupsAsFromTheMessagesBeforeAndAfterLateReceipts()
    {
        var a = await TestAccounts.CreateAsync(Portal);
        var b = await TestAccounts.CreateAsync(Portal);
        var statistics = Portal.Service<SendStatistics>();
        var rollups = Portal.Service<DayRollups>();
        var calendar = Portal.Service<PlatformCalendar>();
        var today = statistics.Today;
        // Today's messages are a few minutes before an anchor that leaves room on both sides within today, whatever the hour.
        // Whole seconds: PostgreSQL keeps microseconds, and the cuts below must fall exactly on a message's time.
        var anchor = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        anchor = anchor < calendar.Start(today).AddMinutes(30) ? calendar.Start(today).AddMinutes(30)
            : anchor > calendar.End(today).AddMinutes(-40) ? calendar.End(today).AddMinutes(-40) : anchor;
        var statuses = new[] { MessageStatus.Delivered, MessageStatus.Delivered, MessageStatus.Failed, MessageStatus.Expired, MessageStatus.Submitted, MessageStatus.Delivered, MessageStatus.Submitted };
        // Pending messages are Submitted without a submission time: neither dispatch nor the expiry sweep touches them while the test reads.
        var messages = new List<Message>();
        for (var day = 0; day <= 21; day++)
        {
            for (var i = 0; i < 9; i++)
            {
                var n = (day * 9) + i;
                var at = day == 0 ? anchor.AddMinutes(-1 - i) : DayAt(today.AddDays(-day), (i * 5) % 24, n % 60);
                var status = statuses[n % statuses.Length];
                messages.Add(Sent(Mobiles[n % Mobiles.Length], n % 3 == 0 ? $"【Acme】code {n}" : $"【Beta{n % 2}】order {n} shipped", status, at,
                    parts: 1 + (n % 3), templateId: n % 4 == 0 ? null : 1, channel: Channels[n % Channels.Length]));
            }
        }

        // The first and last minute of a day of the platform's calendar (China time), on both sides of midnight.
        messages.Add(Sent("13800138000", "【Acme】midnight", MessageStatus.Delivered, DayAt(today.AddDays(-3), 0)));
        messages.Add(Sent("13800138000", "【Acme】last minute", MessageStatus.Failed, DayAt(today.AddDays(-4), 23, 59)));
        // Written in the order of their times, so that ids grow with time as acceptance gives them.
        for (var k = 0; k < messages.Count; k++)
        {
            messages[k].AccountId = k % 3 == 2 ? b.Id : a.Id;
            if (messages[k].Mobile.StartsWith("852 ", StringComparison.Ordinal))
            {
                // Abroad: charged in money (refunded when it fails), counted by country with its money.
                (messages[k].Country, messages[k].PriceFen) = ("852", 35L * messages[k].Parts);
            }
        }

        await using (var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            foreach (var message in messages.OrderBy(m => m.AcceptedAt))
            {
                db.Messages.Add(message);
                await db.SaveChangesAsync();
            }
        }

        var raw = await ReadingsAsync(a.Id, b.Id, today);
        // The job as it runs at a time: today is folded up to the first message accepted OpenLag before it.
        DayRollups At(DateTimeOffset cut) => new(Portal.Service<IDbContextFactory<SmsPortalDbContext>>(), calendar, new ManualClock(cut + DayRollups.OpenLag), NullLogger<DayRollups>.Instance);
        var todays = messages.Where(m => m.AcceptedAt >= calendar.Start(today)).OrderBy(m => m.Id).ToList();
        Assert.Equal(0, await At(anchor.AddMinutes(-10)).FoldDaysAsync(0, CancellationToken.None));
        Assert.True(await At(anchor.AddMinutes(-10)).FoldDaysAsync(int.MaxValue, CancellationToken.None) >= 20);
        await using (var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            // Yesterday is folded ten minutes after its end; the day before surely is. Today is open, before its first message.
            Assert.Contains(await db.MessageDayFolds.Select(f => f.Day).ToListAsync(), d => d == today.AddDays(-2));
            var open = await db.MessageDayFolds.SingleAsync(f => f.Day == today);
            Assert.True(open.Open);
            Assert.Equal(todays[0].Id, open.NextId);
            Assert.DoesNotContain(await db.MessageDayFolds.Where(f => f.Day != today).Select(f => f.Open).ToListAsync(), o => o);
            Assert.NotEmpty(await db.MessageDayPendings.ToListAsync());
            // Each pending message carries its account: an account's reading takes its own only.
            var owners = await db.MessageDayPendings.Join(db.Messages, p => p.MessageId, m => m.Id, (p, m) => new { p.AccountId, Owner = m.AccountId }).ToListAsync();
            Assert.All(owners, o => Assert.Equal(o.Owner, o.AccountId));
            Assert.Contains(await db.MessageDayCounts.Where(c => c.By == StatisticsGrouping.Country).Select(c => c.MoneyFen).ToListAsync(), m => m > 0);
        }

        Assert.Equal(raw, await ReadingsAsync(a.Id, b.Id, today));

        // Five minutes later: today's messages up to the first accepted at the cut are folded (one of them pending), the rest counted raw.
        Assert.Equal(0, await At(anchor.AddMinutes(-5)).FoldDaysAsync(int.MaxValue, CancellationToken.None));
        var mark = todays.First(m => m.AcceptedAt >= anchor.AddMinutes(-5));
        await using (var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(mark.Id, (await db.MessageDayFolds.SingleAsync(f => f.Day == today)).NextId);
            Assert.Equal(
                todays.Count(m => m.Id < mark.Id),
                await db.MessageDayCounts.Where(c => c.Day == today && c.By == StatisticsGrouping.Day && c.AccountId == StatisticsKeys.Platform).SumAsync(c => c.Sent)
                + await db.MessageDayPendings.CountAsync(p => p.Day == today));
            Assert.True(await db.MessageDayPendings.AnyAsync(p => p.Day == today));
        }

        Assert.Equal(raw, await ReadingsAsync(a.Id, b.Id, today));

        // A message accepted before the cut but written after the fold (its id is past the mark): counted raw, not lost.
        await using (var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            var after = Sent("13800138000", "【Acme】just after the mark", MessageStatus.Delivered, anchor.AddMinutes(-7), parts: 2, channel: "cmcc");
            after.AccountId = a.Id;
            db.Messages.Add(after);
            await db.SaveChangesAsync();
        }

        var withMark = await ReadingsAsync(a.Id, b.Id, today);
        Assert.NotEqual(raw, withMark);
        // Three minutes later the fold goes on from the mark; the message after it is still counted raw.
        Assert.Equal(0, await At(anchor.AddMinutes(-2)).FoldDaysAsync(int.MaxValue, CancellationToken.None));
        await using (var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(todays.First(m => m.AcceptedAt >= anchor.AddMinutes(-2)).Id, (await db.MessageDayFolds.SingleAsync(f => f.Day == today)).NextId);
        }

        Assert.Equal(withMark, await ReadingsAsync(a.Id, b.Id, today));

        // Receipts come for messages that were pending when their day was folded: counted raw until the job settles them.
        await using (var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            var pendingIds = await db.MessageDayPendings.Select(p => p.MessageId).ToListAsync();
            Assert.Equal(pendingIds.Count, await db.Messages.CountAsync(m => pendingIds.Contains(m.Id) && m.Status == MessageStatus.Submitted));
            var late = await db.Messages.Where(m => pendingIds.Contains(m.Id)).OrderBy(m => m.Id).Take(pendingIds.Count - 1).ToListAsync();
            for (var k = 0; k < late.Count; k++)
            {
                late[k].Status = k % 2 == 0 ? MessageStatus.Delivered : MessageStatus.Expired;
                late[k].Channel ??= "cmcc";
                late[k].DoneAt = DateTimeOffset.UtcNow;
            }

            await db.SaveChangesAsync();
        }

        var withPending = await ReadingsAsync(a.Id, b.Id, today);
        Assert.NotEqual(withMark, withPending);
        Assert.True(await rollups.SettleAsync(CancellationToken.None) > 0);
        await using (var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(1, await db.MessageDayPendings.CountAsync());
        }

        Assert.Equal(withPending, await ReadingsAsync(a.Id, b.Id, today));
        Assert.Equal(0, await rollups.SettleAsync(CancellationToken.None));

        // Without rollups the statistics read the same; folded again from nothing, too.
        Assert.Equal(withPending, await WithoutRollupsAsync(a.Id, b.Id, today));
        await rollups.FoldDaysAsync(int.MaxValue, CancellationToken.None);
        Assert.Equal(withPending, await ReadingsAsync(a.Id, b.Id, today));
    }

    /// <summary>Removes the rollups (what the statistics count without them) and reads.</summary>
    private async Task<List<string>> WithoutRollupsAsync(int a, int b, DateOnly today)
    {
        await using (var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            await db.MessageDayPendings.ExecuteDeleteAsync();
            await db.MessageDayCounts.ExecuteDeleteAsync();
            await db.MessageDayFolds.ExecuteDeleteAsync();
        }

        return await ReadingsAsync(a, b, today);
    }

    /// <summary>Every statistics reading of both accounts and of the platform (only these two accounts send here), and the records page's totals.</summary>
    private async Task<List<string>> ReadingsAsync(int a, int b, DateOnly today)
    {
        var statistics = Portal.Service<SendStatistics>();
        var records = Portal.Service<MessageRecords>();
        var readings = new List<string>();
        foreach (var account in new int?[] { a, b, null })
        {
            foreach (var by in Enum.GetValues<StatisticsGrouping>())
            {
                foreach (var (from, to) in new[] { (today.AddDays(-30), today), (today.AddDays(-10), today.AddDays(-2)), (today.AddDays(-3), today.AddDays(-3)), (today, today) })
                {
                    var rows = await statistics.ReadAsync(new StatisticsQuery(account, from, to, by), CancellationToken.None);
                    readings.Add($"{account} {by} {from}..{to}: " + string.Join("; ", rows.Select(r => $"{r.Key}|{r.Label}|{r.Sent}/{r.Delivered}/{r.Failed}/{r.Parts}/{r.MoneyFen}")));
                }
            }
        }

        foreach (var account in new[] { a, b })
        {
            readings.Add($"{account} cards: {await records.StatisticsAsync(account, CancellationToken.None)}");
            readings.Add($"{account} daily: " + string.Join("; ", await records.DailyAsync(account, 30, CancellationToken.None)));
            // Days of the platform's calendar, and of readers' zones east and west of it (a day of theirs straddles two of the platform's).
            foreach (var zone in new[] { null, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"), TimeZoneInfo.FindSystemTimeZoneById("Europe/London") })
            {
                foreach (var status in Enum.GetValues<RecordStatus>())
                {
                    foreach (var (from, to) in new (DateOnly?, DateOnly?)[] { (null, null), (today.AddDays(-7), null), (null, today.AddDays(-5)), (today.AddDays(-9), today.AddDays(-4)), (today.AddDays(-3), today.AddDays(-3)), (today, today) })
                    {
                        var page = await records.SearchAsync(account, new RecordFilter(status, from, to, Zone: zone), 0, 200, CancellationToken.None);
                        readings.Add($"{account} records {zone?.Id} {status} {from}..{to}: {page.Total}{(page.TotalIsAtLeast ? "+" : "")} = {page.Rows.Count}: " + string.Join(",", page.Rows.Select(r => r.Id)));
                        Assert.Equal(page.Total, page.Rows.Count);
                    }
                }
            }
        }

        readings.Add($"platform cards: {await records.PlatformStatisticsAsync(CancellationToken.None)}");
        return readings;
    }
}
