using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Platform;

namespace SmsPortal.Infrastructure.Statistics;

/// <summary>
/// What became of the messages accepted in a range of days, grouped by day, template, signature, carrier, channel or
/// account. Counted in the database (grouped by key and status); only the groups come back, never the messages.
/// The days are the platform's calendar, the same the records filter and the daily limits use. Days the rollup job
/// (<see cref="DayRollups"/>) has folded are read from their daily rollup rows; today and any day not folded are
/// counted from the messages. The numbers are the same either way (tests hold both to it).
/// </summary>
public sealed class SendStatistics(IDbContextFactory<SmsPortalDbContext> contexts, PlatformCalendar calendar)
{
    /// <summary>Today on the platform's calendar (the default range ends there).</summary>
    public DateOnly Today => calendar.Today;

    /// <summary>The zone the statistics' days are counted in ("UTC+08:00"): the pages and exports name it.</summary>
    public string ZoneLabel => calendar.ZoneLabel;

    /// <summary>The account an admin's filter names by its API ID; null when none has it.</summary>
    public async Task<int?> AccountIdOfAsync(string apiId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var trimmed = apiId.Trim();
        return await db.Accounts.AsNoTracking().Where(a => a.ApiId == trimmed).Select(a => (int?)a.Id).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StatisticsRow>> ReadAsync(StatisticsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Problem is { } problem)
        {
            throw new ArgumentException($"The range {query.From:yyyy-MM-dd}..{query.To:yyyy-MM-dd} is refused ({problem}).", nameof(query));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await CountAsync(db, query, cancellationToken);
        switch (query.By)
        {
            case StatisticsGrouping.Day:
                // Every day of the range, in order, a day without messages too.
                var byDay = Fold(groups, _ => null).ToDictionary(r => r.Key, StringComparer.Ordinal);
                var rows = new List<StatisticsRow>();
                for (var day = query.From; day <= query.To; day = day.AddDays(1))
                {
                    var key = DayKey(day);
                    rows.Add(byDay.GetValueOrDefault(key) ?? new StatisticsRow(key, null, 0, 0, 0, 0, 0));
                }

                return rows;
            case StatisticsGrouping.Template:
                var ids = groups.Select(g => int.TryParse(g.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (int?)null).OfType<int>().Distinct().ToList();
                var texts = await db.MessageTemplates.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Text, cancellationToken);
                return Fold(groups, key => int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && texts.TryGetValue(id, out var text) ? text : null);
            case StatisticsGrouping.Account:
                var accountIds = groups.Select(g => int.Parse(g.Key, NumberStyles.None, CultureInfo.InvariantCulture)).Distinct().ToList();
                var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => new { a.ApiId, a.Name }, cancellationToken);
                var names = accounts.Values.ToDictionary(a => a.ApiId, a => a.Name);
                return Fold(
                    groups.ConvertAll(g => g with { Key = accounts.TryGetValue(int.Parse(g.Key, NumberStyles.None, CultureInfo.InvariantCulture), out var a) ? a.ApiId : g.Key }),
                    key => names.GetValueOrDefault(key));
            case StatisticsGrouping.Country:
                return Fold(groups, CountryRegion);
            default:
                return Fold(groups, _ => null);
        }
    }

    /// <summary>
    /// Of one account's messages accepted from <paramref name="from"/> to <paramref name="to"/> (days of the platform's
    /// calendar, both included; null: no bound), how many there are and what became of them: the records page's total
    /// for a filter by status and dates. Folded days are read from their rollups, the rest counted.
    /// </summary>
    public async Task<StatisticsRow> TotalAsync(int accountId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = new List<Group>();
        var folds = await FoldedSpanAsync(db, cancellationToken);
        var (first, last, open) = folds ?? (DateOnly.MaxValue, DateOnly.MinValue, null);
        var a = from is { } f && f > first ? f : first;
        var b = to is { } t && t < last ? t : last;
        if (folds is not null && a <= b)
        {
            var rolled = await db.MessageDayCounts.AsNoTracking()
                .Where(c => c.AccountId == accountId && c.By == StatisticsGrouping.Day && c.Day >= a && c.Day <= b)
                .GroupBy(c => c.AccountId)
                .Select(g => new Group("", g.Sum(c => c.Sent), g.Sum(c => c.Delivered), g.Sum(c => c.Failed), g.Sum(c => c.Parts), g.Sum(c => c.MoneyFen)))
                .ToListAsync(cancellationToken);
            groups.AddRange(rolled);
            // The account's own pending messages (index AccountId, Day), counted by status in the database (by id).
            var pendingIds = db.MessageDayPendings.AsNoTracking().Where(p => p.AccountId == accountId && p.Day >= a && p.Day <= b).Select(p => p.MessageId);
            groups.AddRange(await ByStatusAsync(db.Messages.AsNoTracking().Where(m => pendingIds.Contains(m.Id)), "", cancellationToken));
            if (open is { } o && o.Day >= a && o.Day <= b)
            {
                // Today is folded up to its mark: the account's messages of the day from the mark on are counted.
                groups.AddRange(await RawTotalAsync(db, accountId, o.Day, o.Day, cancellationToken, o.NextId));
            }
            // The days before and after the folded ones.
            if (from is null || from < a)
            {
                groups.AddRange(await RawTotalAsync(db, accountId, from, a.AddDays(-1), cancellationToken));
            }

            if (to is null || to > b)
            {
                groups.AddRange(await RawTotalAsync(db, accountId, b.AddDays(1), to, cancellationToken));
            }
        }
        else
        {
            groups.AddRange(await RawTotalAsync(db, accountId, from, to, cancellationToken));
        }

        return new StatisticsRow("", null, groups.Sum(g => g.Sent), groups.Sum(g => g.Delivered), groups.Sum(g => g.Failed), groups.Sum(g => g.Parts), groups.Sum(g => g.MoneyFen));
    }

    /// <summary>
    /// Message ids that bound the days from <paramref name="from"/> to <paramref name="to"/>, where folds know them: every
    /// message of those days has an id from Low on and below High (null: not known). The records page adds them to a
    /// date filter so that the account's index on ids is read over those days only.
    /// </summary>
    public async Task<(long? Low, long? High)> IdBoundsAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        if (from is null && to is null)
        {
            return (null, null);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var offsetMinutes = calendar.OffsetMinutes;
        var before = from?.AddDays(-1);
        // The day after To, not To itself: a message of To accepted in its last instant may have an id after the next day's first.
        var after = to?.AddDays(1);
        var found = await db.MessageDayFolds.AsNoTracking()
            // An open fold's mark is not where its day ends.
            .Where(f => f.OffsetMinutes == offsetMinutes && !f.Open && (f.Day == before || f.Day == after))
            .Select(f => new { f.Day, f.NextId })
            .ToListAsync(cancellationToken);
        return (found.FirstOrDefault(f => f.Day == before)?.NextId, found.FirstOrDefault(f => f.Day == after)?.NextId);
    }

    /// <summary>
    /// The first and last folded day (folds are contiguous: each starts where the one before ended), and the last one's
    /// mark when it is open (today, folded up to the mark); null when none is usable.
    /// </summary>
    private async Task<(DateOnly First, DateOnly Last, OpenDay? Open)?> FoldedSpanAsync(SmsPortalDbContext db, CancellationToken cancellationToken)
    {
        var offsetMinutes = calendar.OffsetMinutes;
        if (await db.MessageDayFolds.AnyAsync(f => f.OffsetMinutes != offsetMinutes, cancellationToken))
        {
            return null;
        }

        var first = await db.MessageDayFolds.OrderBy(f => f.Day).Select(f => (DateOnly?)f.Day).FirstOrDefaultAsync(cancellationToken);
        var last = await db.MessageDayFolds.OrderByDescending(f => f.Day).Select(f => new { f.Day, f.Open, f.NextId }).FirstOrDefaultAsync(cancellationToken);
        return first is { } a && last is not null ? (a, last.Day, last.Open ? new OpenDay(last.Day, last.NextId) : null) : null;
    }

    private async Task<List<Group>> RawTotalAsync(SmsPortalDbContext db, int accountId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken, long? fromId = null)
    {
        var messages = db.Messages.AsNoTracking().Where(m => m.AccountId == accountId);
        if (fromId is { } id)
        {
            messages = messages.Where(m => m.Id >= id);
        }

        if (from is { } f)
        {
            var start = calendar.Start(f);
            messages = messages.Where(m => m.AcceptedAt >= start);
        }

        if (to is { } t)
        {
            var end = calendar.End(t);
            messages = messages.Where(m => m.AcceptedAt < end);
        }

        return await ByStatusAsync(messages, "", cancellationToken);
    }

    /// <summary>The messages counted by status in the database, as groups with one key.</summary>
    private static async Task<List<Group>> ByStatusAsync(IQueryable<Message> messages, string key, CancellationToken cancellationToken) =>
        (await messages.GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count(), Parts = g.Sum(m => (long)m.Parts), Money = g.Sum(m => m.PriceFen ?? 0) })
            .ToListAsync(cancellationToken)).ConvertAll(g => ToGroup(key, g.Status, g.Count, g.Parts, g.Money));

    /// <summary>The carrier's name for a mainland segment, "+country" for a number abroad (stored as "852 9…").</summary>
    internal static string CarrierKey(string prefix)
    {
        var space = prefix.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? "+" + prefix[..space] : CarrierPrefixes.Of(prefix).Carrier.ToString();
    }

    /// <summary>
    /// The groups of the query's messages, keyed as the grouping asks (the account grouping by account id): the days the
    /// rollup job folded are read from their rollup rows plus their pending messages; every other day (today, and any
    /// day not folded yet) is counted from the messages.
    /// </summary>
    private async Task<List<Group>> CountAsync(SmsPortalDbContext db, StatisticsQuery query, CancellationToken cancellationToken)
    {
        var offsetMinutes = calendar.OffsetMinutes;
        var folds = await db.MessageDayFolds.AsNoTracking().Where(f => f.Day >= query.From && f.Day <= query.To).Select(f => new { f.Day, f.OffsetMinutes, f.Open, f.NextId }).ToListAsync(cancellationToken);
        // Folds cut on another calendar (the setting changed, the job has not folded again yet) are not used.
        var usable = folds.All(f => f.OffsetMinutes == offsetMinutes) ? folds : [];
        var folded = usable.Select(f => f.Day).ToHashSet();
        var groups = new List<Group>();
        if (folded.Count > 0)
        {
            groups.AddRange(await RolledUpAsync(db, query, cancellationToken));
            groups.AddRange(await PendingAsync(db, query, cancellationToken));
        }

        // A day folded up to a mark (today): its messages from the mark on are counted, a range of the primary key.
        foreach (var open in usable.Where(f => f.Open))
        {
            groups.AddRange(await RawAsync(db, query with { From = open.Day, To = open.Day }, cancellationToken, open.NextId));
        }

        var day = query.From;
        while (day <= query.To)
        {
            if (folded.Contains(day))
            {
                day = day.AddDays(1);
                continue;
            }

            var last = day;
            while (last < query.To && !folded.Contains(last.AddDays(1)))
            {
                last = last.AddDays(1);
            }

            groups.AddRange(await RawAsync(db, query with { From = day, To = last }, cancellationToken));
            day = last.AddDays(1);
        }

        return groups;
    }

    private static async Task<List<Group>> RolledUpAsync(SmsPortalDbContext db, StatisticsQuery query, CancellationToken cancellationToken)
    {
        var by = query.By == StatisticsGrouping.Account ? StatisticsGrouping.Day : query.By;
        var rows = db.MessageDayCounts.AsNoTracking().Where(c => c.By == by && c.Day >= query.From && c.Day <= query.To);
        if (query.AccountId is { } accountId)
        {
            rows = rows.Where(c => c.AccountId == accountId);
        }
        else if (query.ResellerId is { } reseller)
        {
            // A reseller's tree: its accounts' own rows (the platform's rows hold every account's).
            var tree = Resellers.ResellerTree.AccountIds(db, reseller);
            rows = rows.Where(c => c.AccountId != StatisticsKeys.Platform && tree.Contains(c.AccountId));
        }
        else if (query.By != StatisticsGrouping.Account && StatisticsKeys.HasPlatformRows(by))
        {
            rows = rows.Where(c => c.AccountId == StatisticsKeys.Platform);
        }
        else
        {
            rows = rows.Where(c => c.AccountId != StatisticsKeys.Platform);
        }

        return query.By switch
        {
            StatisticsGrouping.Day => (await rows.GroupBy(c => c.Day)
                .Select(g => new { g.Key, Sent = g.Sum(c => c.Sent), Delivered = g.Sum(c => c.Delivered), Failed = g.Sum(c => c.Failed), Parts = g.Sum(c => c.Parts), Money = g.Sum(c => c.MoneyFen) })
                .ToListAsync(cancellationToken)).ConvertAll(g => new Group(DayKey(g.Key), g.Sent, g.Delivered, g.Failed, g.Parts, g.Money)),
            StatisticsGrouping.Account => (await rows.GroupBy(c => c.AccountId)
                .Select(g => new { g.Key, Sent = g.Sum(c => c.Sent), Delivered = g.Sum(c => c.Delivered), Failed = g.Sum(c => c.Failed), Parts = g.Sum(c => c.Parts), Money = g.Sum(c => c.MoneyFen) })
                .ToListAsync(cancellationToken)).ConvertAll(g => new Group(g.Key.ToString(CultureInfo.InvariantCulture), g.Sent, g.Delivered, g.Failed, g.Parts, g.Money)),
            _ => await rows.GroupBy(c => c.Key)
                .Select(g => new Group(g.Key, g.Sum(c => c.Sent), g.Sum(c => c.Delivered), g.Sum(c => c.Failed), g.Sum(c => c.Parts), g.Sum(c => c.MoneyFen)))
                .ToListAsync(cancellationToken),
        };
    }

    /// <summary>
    /// The messages of folded days that were not final when their day was folded: few, counted by key and status in the
    /// database (the pending rows, then their messages by id), keyed as the fold keys them. Never a message's text comes back.
    /// </summary>
    private static async Task<List<Group>> PendingAsync(SmsPortalDbContext db, StatisticsQuery query, CancellationToken cancellationToken)
    {
        // The pending rows first (an account's by its index on AccountId and Day), then their messages by id: a join led by
        // an account's index would read all its messages.
        var pendings = db.MessageDayPendings.AsNoTracking().Where(p => p.Day >= query.From && p.Day <= query.To);
        if (query.AccountId is { } accountId)
        {
            pendings = pendings.Where(p => p.AccountId == accountId);
        }
        else if (query.ResellerId is { } reseller)
        {
            var tree = Resellers.ResellerTree.AccountIds(db, reseller);
            pendings = pendings.Where(p => tree.Contains(p.AccountId));
        }

        if (query.By == StatisticsGrouping.Day)
        {
            // The day is the fold's (the pending row's), not computed from the message's time.
            return (await pendings.Join(db.Messages.AsNoTracking(), p => p.MessageId, m => m.Id, (p, m) => new { p.Day, m.Status, m.Parts, m.PriceFen })
                .GroupBy(x => new { x.Day, x.Status })
                .Select(g => new { g.Key.Day, g.Key.Status, Count = g.Count(), Parts = g.Sum(x => (long)x.Parts), Money = g.Sum(x => x.PriceFen ?? 0) })
                .ToListAsync(cancellationToken)).ConvertAll(g => ToGroup(DayKey(g.Day), g.Status, g.Count, g.Parts, g.Money));
        }

        var ids = pendings.Select(p => p.MessageId);
        return await GroupedAsync(db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id)), query.By, cancellationToken);
    }

    /// <summary>
    /// Counts the messages of a run of days that are not folded, in the database; with <paramref name="markId"/>, those
    /// of a day folded up to that mark from the mark on.
    /// </summary>
    private async Task<List<Group>> RawAsync(SmsPortalDbContext db, StatisticsQuery query, CancellationToken cancellationToken, long? markId = null)
    {
        // Every message after a folded day has an id from that fold's NextId on: the platform's messages of the run are
        // then one range of the primary key rather than the whole table.
        var offsetMinutes = calendar.OffsetMinutes;
        var fromId = markId ?? (query.AccountId is null
            ? await db.MessageDayFolds.AsNoTracking().Where(f => f.Day < query.From && f.OffsetMinutes == offsetMinutes).OrderByDescending(f => f.Day).Select(f => (long?)f.NextId).FirstOrDefaultAsync(cancellationToken)
            : null);
        IQueryable<Message> Messages(StatisticsQuery range)
        {
            var scope = Scope(db, range);
            return fromId is { } id ? scope.Where(m => m.Id >= id) : scope;
        }

        switch (query.By)
        {
            case StatisticsGrouping.Day:
                // A query per day on the (AccountId, AcceptedAt) index: usually one, today.
                var days = new List<Group>();
                for (var day = query.From; day <= query.To; day = day.AddDays(1))
                {
                    var key = DayKey(day);
                    days.AddRange(await ByStatusAsync(Messages(query with { From = day, To = day }), key, cancellationToken));
                }

                return days;
            default:
                return await GroupedAsync(Messages(query), query.By, cancellationToken);
        }
    }

    /// <summary>The messages counted by the grouping's key (computed in the database as <see cref="StatisticsKeys"/> does) and status.</summary>
    private static async Task<List<Group>> GroupedAsync(IQueryable<Message> messages, StatisticsGrouping by, CancellationToken cancellationToken)
    {
        switch (by)
        {
            case StatisticsGrouping.Template:
                return (await messages.GroupBy(m => new { m.TemplateId, m.Status })
                    .Select(g => new { g.Key.TemplateId, g.Key.Status, Count = g.Count(), Parts = g.Sum(m => (long)m.Parts), Money = g.Sum(m => m.PriceFen ?? 0) })
                    .ToListAsync(cancellationToken)).ConvertAll(g => ToGroup(g.TemplateId?.ToString(CultureInfo.InvariantCulture) ?? "", g.Status, g.Count, g.Parts, g.Money));
            case StatisticsGrouping.Signature:
                return (await messages.GroupBy(m => new { Key = m.Text.Substring(0, m.Text.IndexOf("】") + 1), m.Status })
                    .Select(g => new { g.Key.Key, g.Key.Status, Count = g.Count(), Parts = g.Sum(m => (long)m.Parts), Money = g.Sum(m => m.PriceFen ?? 0) })
                    .ToListAsync(cancellationToken)).ConvertAll(g => ToGroup(g.Key, g.Status, g.Count, g.Parts, g.Money));
            case StatisticsGrouping.Carrier:
                return (await messages.GroupBy(m => new { Key = m.Mobile.Substring(0, 4), m.Status })
                    .Select(g => new { g.Key.Key, g.Key.Status, Count = g.Count(), Parts = g.Sum(m => (long)m.Parts), Money = g.Sum(m => m.PriceFen ?? 0) })
                    .ToListAsync(cancellationToken)).ConvertAll(g => ToGroup(CarrierKey(g.Key), g.Status, g.Count, g.Parts, g.Money));
            case StatisticsGrouping.Channel:
                return (await messages.GroupBy(m => new { Key = m.Channel ?? "", m.Status })
                    .Select(g => new { g.Key.Key, g.Key.Status, Count = g.Count(), Parts = g.Sum(m => (long)m.Parts), Money = g.Sum(m => m.PriceFen ?? 0) })
                    .ToListAsync(cancellationToken)).ConvertAll(g => ToGroup(g.Key, g.Status, g.Count, g.Parts, g.Money));
            case StatisticsGrouping.Country:
                return (await messages.GroupBy(m => new { Key = m.Country ?? StatisticsKeys.Mainland, m.Status })
                    .Select(g => new { g.Key.Key, g.Key.Status, Count = g.Count(), Parts = g.Sum(m => (long)m.Parts), Money = g.Sum(m => m.PriceFen ?? 0) })
                    .ToListAsync(cancellationToken)).ConvertAll(g => ToGroup(g.Key, g.Status, g.Count, g.Parts, g.Money));
            case StatisticsGrouping.Account:
                return (await messages.GroupBy(m => new { m.AccountId, m.Status })
                    .Select(g => new { g.Key.AccountId, g.Key.Status, Count = g.Count(), Parts = g.Sum(m => (long)m.Parts), Money = g.Sum(m => m.PriceFen ?? 0) })
                    .ToListAsync(cancellationToken)).ConvertAll(g => ToGroup(g.AccountId.ToString(CultureInfo.InvariantCulture), g.Status, g.Count, g.Parts, g.Money));
            default:
                throw new ArgumentOutOfRangeException(nameof(by), by, "No such grouping.");
        }
    }

    private static string DayKey(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The ISO region of a country calling code ("HK" for 852, "CN" for 86); null when libphonenumber knows none.</summary>
    private static string? CountryRegion(string key) =>
        int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
        && PhoneNumbers.PhoneNumberUtil.GetInstance().GetRegionCodeForCountryCode(code) is { } region && region != "ZZ"
            ? region
            : null;

    /// <summary>A group of messages with one status; money counts only what was not refunded (see <see cref="StatisticsKeys.Charged"/>).</summary>
    private static Group ToGroup(string key, MessageStatus status, long count, long parts, long money) => new(
        key,
        count,
        status == MessageStatus.Delivered ? count : 0,
        status is MessageStatus.Failed or MessageStatus.Expired ? count : 0,
        parts,
        StatisticsKeys.Charged(status, money));

    // Bounds are turned to UTC before they are compared: the stored times are the clock's, in UTC.
    private IQueryable<Message> Scope(SmsPortalDbContext db, StatisticsQuery query)
    {
        var start = calendar.Start(query.From);
        var end = calendar.End(query.To);
        var messages = db.Messages.AsNoTracking().Where(m => m.AcceptedAt >= start && m.AcceptedAt < end);
        if (query.ResellerId is { } reseller)
        {
            var tree = Resellers.ResellerTree.AccountIds(db, reseller);
            messages = messages.Where(m => tree.Contains(m.AccountId));
        }

        return query.AccountId is { } accountId ? messages.Where(m => m.AccountId == accountId) : messages;
    }

    /// <summary>Adds up the groups (from rollups, pending and raw counts) into one row per key, busiest first.</summary>
    private static List<StatisticsRow> Fold(List<Group> groups, Func<string, string?> label) =>
        groups.GroupBy(g => g.Key, StringComparer.Ordinal)
            .Select(k => new StatisticsRow(k.Key, label(k.Key), k.Sum(g => g.Sent), k.Sum(g => g.Delivered), k.Sum(g => g.Failed), k.Sum(g => g.Parts), k.Sum(g => g.MoneyFen)))
            .OrderByDescending(r => r.Sent).ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();

    private sealed record Group(string Key, long Sent, long Delivered, long Failed, long Parts, long MoneyFen);

    /// <summary>A day folded up to a mark (today): its messages from <paramref name="NextId"/> on are not in the rollups.</summary>
    private sealed record OpenDay(DateOnly Day, long NextId);
}
