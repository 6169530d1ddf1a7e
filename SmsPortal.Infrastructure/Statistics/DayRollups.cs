using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Platform;

namespace SmsPortal.Infrastructure.Statistics;

/// <summary>
/// Folds finished days into the daily rollups (<see cref="MessageDayCount"/>), oldest first, so that the statistics
/// count a quarter from a few thousand rows instead of millions of messages. A recurring job; nothing on the send path
/// writes here. A day is folded once it has ended (and <see cref="Grace"/> has passed, so every acceptance of the day has
/// committed): its final messages become counts, its others (receipts still due) are listed in
/// <see cref="MessageDayPending"/> and counted raw until a later run finds them final and adds them to the counts.
/// Today is folded up to a mark (<see cref="OpenLag"/> behind the clock) on every run and counted raw from there, so
/// that the platform's readings count minutes of messages rather than a whole day's; the day's last fold goes on from the mark.
/// </summary>
public sealed class DayRollups(IDbContextFactory<SmsPortalDbContext> contexts, PlatformCalendar calendar, TimeProvider clock, ILogger<DayRollups> logger)
{
    /// <summary>How long after a day's end it is folded: longer than any acceptance takes to commit.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    /// <summary>Messages are read in id order until one is this far past the day's end (ids follow acceptance within seconds).</summary>
    private static readonly TimeSpan ReadPast = TimeSpan.FromHours(1);

    /// <summary>
    /// How far behind the clock today's fold stops: every message accepted before it has committed (as with
    /// <see cref="Grace"/>), and ids follow acceptance within seconds, so no message with an id below the mark comes later.
    /// </summary>
    public static readonly TimeSpan OpenLag = TimeSpan.FromMinutes(20);

    /// <summary>Pending messages moved into the counts per transaction.</summary>
    private const int SettleBatch = 5_000;

    private int OffsetMinutes => calendar.OffsetMinutes;

    /// <summary>The recurring job: fold the days that are due (at most a month per run, so a first run on a large table is cut in parts), then settle.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(600)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var days = await FoldDaysAsync(31, cancellationToken);
        var settled = await SettleAsync(cancellationToken);
        if (days > 0 || settled > 0)
        {
            logger.LogInformation("Statistics rollups: {Days} day(s) folded, {Settled} pending message(s) settled", days, settled);
        }
    }

    /// <summary>
    /// Folds up to <paramref name="maxDays"/> finished days, oldest first, and then today up to a mark (the minutes since
    /// <see cref="OpenLag"/> ago stay raw); returns how many finished days it folded.
    /// </summary>
    public async Task<int> FoldDaysAsync(int maxDays, CancellationToken cancellationToken)
    {
        DateOnly next;
        long fromId;
        MessageDayFold? open = null;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.MessageDayFolds.AnyAsync(f => f.OffsetMinutes != OffsetMinutes, cancellationToken))
            {
                // The platform's calendar changed: the days were cut on another one. Start again from the first message.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.MessageDayPendings.ExecuteDeleteAsync(cancellationToken);
                await db.MessageDayCounts.ExecuteDeleteAsync(cancellationToken);
                await db.MessageDayFolds.ExecuteDeleteAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            var last = await db.MessageDayFolds.AsNoTracking().OrderByDescending(f => f.Day).FirstOrDefaultAsync(cancellationToken);
            if (last is { Open: true })
            {
                // Folded up to a mark before it ended: it goes on from the mark.
                (next, fromId, open) = (last.Day, last.NextId, last);
            }
            else if (last is not null)
            {
                (next, fromId) = (last.Day.AddDays(1), last.NextId);
            }
            else
            {
                var first = await db.Messages.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.Id, m.AcceptedAt }).FirstOrDefaultAsync(cancellationToken);
                if (first is null)
                {
                    return 0;
                }

                (next, fromId) = (DayOf(first.AcceptedAt), first.Id);
            }
        }

        var folded = 0;
        while (folded < maxDays && Start(next.AddDays(1)) + Grace <= clock.GetUtcNow())
        {
            if (await FoldAsync(next, fromId, open, null, cancellationToken) is not { } nextId)
            {
                return folded; // another run folded it first
            }

            (fromId, open) = (nextId, null);
            next = next.AddDays(1);
            folded++;
        }

        // Today, up to the first message accepted after the lag: the readings count only the minutes since then.
        var cut = clock.GetUtcNow() - OpenLag;
        if (maxDays > 0 && next == DayOf(clock.GetUtcNow()) && cut > Start(next))
        {
            await FoldAsync(next, fromId, open, cut, cancellationToken);
        }

        return folded;
    }

    /// <summary>Moves the pending messages that have become final into their day's counts; returns how many.</summary>
    public async Task<int> SettleAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            List<Row> rows;
            await using (var read = await contexts.CreateDbContextAsync(cancellationToken))
            {
                rows = await read.MessageDayPendings.AsNoTracking()
                    .Join(read.Messages, p => p.MessageId, m => m.Id, (p, m) => new { p.Day, m })
                    .Where(x => x.m.Status == MessageStatus.Delivered || x.m.Status == MessageStatus.Failed || x.m.Status == MessageStatus.Expired)
                    .OrderBy(x => x.m.Id)
                    .Take(SettleBatch)
                    .Select(x => new Row(x.m.Id, x.Day, x.m.AccountId, x.m.Status, x.m.TemplateId, x.m.Text, x.m.Mobile, x.m.Channel, x.m.Parts, x.m.AcceptedAt, x.m.Country, x.m.PriceFen))
                    .ToListAsync(cancellationToken);
            }

            if (rows.Count == 0)
            {
                return total;
            }

            var counts = new Dictionary<(DateOnly Day, int AccountId, StatisticsGrouping By, string Key), MessageDayCount>();
            foreach (var row in rows)
            {
                Add(counts, row.Day, row);
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ids = rows.ConvertAll(r => r.Id);
            if (await db.MessageDayPendings.Where(p => ids.Contains(p.MessageId)).ExecuteDeleteAsync(cancellationToken) != ids.Count)
            {
                // Another run settled some of them first: leave them to it.
                return total;
            }

            await MergeAsync(db, counts, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            total += rows.Count;
        }
    }

    /// <summary>Where a day of the platform's calendar starts, in UTC.</summary>
    public DateTimeOffset Start(DateOnly day) => calendar.Start(day);

    private DateOnly DayOf(DateTimeOffset time) => calendar.DayOf(time);

    /// <summary>
    /// Folds one day from <paramref name="fromId"/> (its first possible message id, or the mark of its <paramref name="open"/>
    /// fold): the whole day when <paramref name="cut"/> is null, otherwise up to the first message accepted at or after
    /// the cut (the mark; the day stays open). Returns where the next fold starts (the first id after the day, or the mark),
    /// or null when another run changed the day's fold first (nothing is written then).
    /// </summary>
    private async Task<long?> FoldAsync(DateOnly day, long fromId, MessageDayFold? open, DateTimeOffset? cut, CancellationToken cancellationToken)
    {
        var (start, end) = (Start(day), Start(day.AddDays(1)));
        var stopAt = end + ReadPast;
        var counts = new Dictionary<(DateOnly Day, int AccountId, StatisticsGrouping By, string Key), MessageDayCount>();
        var pending = new List<MessageDayPending>();
        long? nextId = null;
        var lastId = fromId - 1;
        await using (var read = await contexts.CreateDbContextAsync(cancellationToken))
        {
            read.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            var rows = read.Messages.AsNoTracking()
                .Where(m => m.Id >= fromId)
                .OrderBy(m => m.Id)
                .Select(m => new Row(m.Id, day, m.AccountId, m.Status, m.TemplateId, m.Text, m.Mobile, m.Channel, m.Parts, m.AcceptedAt, m.Country, m.PriceFen))
                .AsAsyncEnumerable();
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                if (cut is { } mark && row.AcceptedAt >= mark)
                {
                    // The mark: this message and every later id are counted raw until the next run.
                    nextId = row.Id;
                    break;
                }

                lastId = row.Id;
                if (row.AcceptedAt >= end)
                {
                    nextId ??= row.Id;
                    if (row.AcceptedAt >= stopAt)
                    {
                        break;
                    }

                    continue;
                }

                if (row.AcceptedAt < start)
                {
                    continue; // the day before's, read and counted by its own fold
                }

                if (StatisticsKeys.IsFinal(row.Status))
                {
                    Add(counts, day, row);
                }
                else
                {
                    pending.Add(new MessageDayPending { MessageId = row.Id, Day = day, AccountId = row.AccountId });
                }
            }
        }

        var fold = new MessageDayFold { Day = day, OffsetMinutes = OffsetMinutes, FoldedAt = clock.GetUtcNow(), NextId = nextId ?? lastId + 1, Open = cut is not null };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The day's fold as this run found it: another run that moved it since has counted these messages already.
        var now = await db.MessageDayFolds.SingleOrDefaultAsync(f => f.Day == day, cancellationToken);
        if (now is null != open is null || (now is not null && (!now.Open || now.NextId != fromId)))
        {
            return null;
        }

        if (now is null)
        {
            db.MessageDayFolds.Add(fold);
            db.MessageDayCounts.AddRange(counts.Values);
        }
        else
        {
            (now.FoldedAt, now.NextId, now.Open) = (fold.FoldedAt, fold.NextId, fold.Open);
            await MergeAsync(db, counts, cancellationToken);
        }

        db.MessageDayPendings.AddRange(pending);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return fold.NextId;
    }

    /// <summary>Adds the counts to the rollup rows of their days (a row with the same day, account, grouping and key), or adds them as rows.</summary>
    private static async Task MergeAsync(SmsPortalDbContext db, Dictionary<(DateOnly Day, int AccountId, StatisticsGrouping By, string Key), MessageDayCount> counts, CancellationToken cancellationToken)
    {
        foreach (var day in counts.Keys.Select(k => k.Day).Distinct())
        {
            var accounts = counts.Keys.Where(k => k.Day == day).Select(k => k.AccountId).Distinct().ToList();
            var existing = await db.MessageDayCounts.Where(c => c.Day == day && accounts.Contains(c.AccountId)).ToListAsync(cancellationToken);
            var byKey = existing.ToDictionary(c => (c.Day, c.AccountId, c.By, c.Key));
            foreach (var (key, add) in counts.Where(c => c.Key.Day == day))
            {
                if (byKey.TryGetValue(key, out var row))
                {
                    (row.Sent, row.Delivered, row.Failed, row.Parts, row.MoneyFen) = (row.Sent + add.Sent, row.Delivered + add.Delivered, row.Failed + add.Failed, row.Parts + add.Parts, row.MoneyFen + add.MoneyFen);
                }
                else
                {
                    db.MessageDayCounts.Add(add);
                }
            }
        }
    }

    private static void Add(Dictionary<(DateOnly Day, int AccountId, StatisticsGrouping By, string Key), MessageDayCount> counts, DateOnly day, Row row)
    {
        foreach (var by in StatisticsKeys.Rolled)
        {
            var key = StatisticsKeys.Of(by, row.TemplateId, row.Text, row.Mobile, row.Channel, row.Country);
            Add(counts, (day, row.AccountId, by, key), row);
            if (StatisticsKeys.HasPlatformRows(by))
            {
                Add(counts, (day, StatisticsKeys.Platform, by, key), row);
            }
        }
    }

    private static void Add(Dictionary<(DateOnly Day, int AccountId, StatisticsGrouping By, string Key), MessageDayCount> counts, (DateOnly Day, int AccountId, StatisticsGrouping By, string Key) key, Row row)
    {
        if (!counts.TryGetValue(key, out var count))
        {
            counts[key] = count = new MessageDayCount { Day = key.Day, AccountId = key.AccountId, By = key.By, Key = key.Key };
        }

        count.Sent++;
        count.Delivered += row.Status == MessageStatus.Delivered ? 1 : 0;
        count.Failed += row.Status is MessageStatus.Failed or MessageStatus.Expired ? 1 : 0;
        count.Parts += row.Parts;
        count.MoneyFen += StatisticsKeys.Charged(row.Status, row.PriceFen);
    }

    private sealed record Row(long Id, DateOnly Day, int AccountId, MessageStatus Status, int? TemplateId, string Text, string Mobile, string? Channel, int Parts, DateTimeOffset AcceptedAt, string? Country, long? PriceFen);
}
