using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Infrastructure.Statistics;

/// <summary>
/// What became of the messages accepted in a range of days, grouped by day, template, signature, carrier, channel or
/// account. Counted in the database (grouped by key and status); only the groups come back, never the messages.
/// The days are the platform's calendar, the same the records filter and the daily limits use.
/// </summary>
public sealed class SendStatistics(IDbContextFactory<SmsPortalDbContext> contexts, IOptions<SendingOptions> sending, TimeProvider clock)
{
    private TimeSpan DayOffset => TimeSpan.FromHours(sending.Value.DayOffsetHours);

    /// <summary>Today on the platform's calendar (the default range ends there).</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(DayOffset).DateTime);

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
        return query.By switch
        {
            StatisticsGrouping.Day => await ByDayAsync(db, query, cancellationToken),
            StatisticsGrouping.Template => await ByTemplateAsync(db, query, cancellationToken),
            StatisticsGrouping.Signature => Fold(await Scope(db, query)
                .GroupBy(m => new { Key = m.Text.Substring(0, m.Text.IndexOf("】") + 1), m.Status })
                .Select(g => new Group(g.Key.Key, g.Key.Status, g.Count(), g.Sum(m => (long)m.Parts)))
                .ToListAsync(cancellationToken), _ => null),
            StatisticsGrouping.Carrier => Fold((await Scope(db, query)
                .GroupBy(m => new { Key = m.Mobile.Substring(0, 4), m.Status })
                .Select(g => new Group(g.Key.Key, g.Key.Status, g.Count(), g.Sum(m => (long)m.Parts)))
                .ToListAsync(cancellationToken)).ConvertAll(g => g with { Key = CarrierKey(g.Key) }), _ => null),
            StatisticsGrouping.Channel => Fold(await Scope(db, query)
                .GroupBy(m => new { Key = m.Channel ?? "", m.Status })
                .Select(g => new Group(g.Key.Key, g.Key.Status, g.Count(), g.Sum(m => (long)m.Parts)))
                .ToListAsync(cancellationToken), _ => null),
            StatisticsGrouping.Account => await ByAccountAsync(db, query, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.By, "No such grouping."),
        };
    }

    /// <summary>The carrier's name for a mainland segment, "+country" for a number abroad (stored as "852 9…").</summary>
    internal static string CarrierKey(string prefix)
    {
        var space = prefix.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? "+" + prefix[..space] : CarrierPrefixes.Of(prefix).Carrier.ToString();
    }

    private async Task<IReadOnlyList<StatisticsRow>> ByDayAsync(SmsPortalDbContext db, StatisticsQuery query, CancellationToken cancellationToken)
    {
        // A query per day on the (AccountId, AcceptedAt) index: at most MaxDays of them, each counting one day's rows.
        var rows = new List<StatisticsRow>();
        for (var day = query.From; day <= query.To; day = day.AddDays(1))
        {
            var groups = await Scope(db, query with { From = day, To = day })
                .GroupBy(m => m.Status)
                .Select(g => new Group("", g.Key, g.Count(), g.Sum(m => (long)m.Parts)))
                .ToListAsync(cancellationToken);
            var key = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            rows.Add(Fold(groups.ConvertAll(g => g with { Key = key }), _ => null).SingleOrDefault() ?? new StatisticsRow(key, null, 0, 0, 0, 0));
        }

        return rows;
    }

    private async Task<IReadOnlyList<StatisticsRow>> ByTemplateAsync(SmsPortalDbContext db, StatisticsQuery query, CancellationToken cancellationToken)
    {
        var groups = await Scope(db, query)
            .GroupBy(m => new { m.TemplateId, m.Status })
            .Select(g => new { g.Key.TemplateId, g.Key.Status, Count = g.Count(), Parts = g.Sum(m => (long)m.Parts) })
            .ToListAsync(cancellationToken);
        var ids = groups.Where(g => g.TemplateId is not null).Select(g => g.TemplateId!.Value).Distinct().ToList();
        var texts = await db.MessageTemplates.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Text, cancellationToken);
        return Fold(
            groups.ConvertAll(g => new Group(g.TemplateId?.ToString(CultureInfo.InvariantCulture) ?? "", g.Status, g.Count, g.Parts)),
            key => int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && texts.TryGetValue(id, out var text) ? text : null);
    }

    private async Task<IReadOnlyList<StatisticsRow>> ByAccountAsync(SmsPortalDbContext db, StatisticsQuery query, CancellationToken cancellationToken)
    {
        var groups = await Scope(db, query)
            .GroupBy(m => new { m.AccountId, m.Status })
            .Select(g => new { g.Key.AccountId, g.Key.Status, Count = g.Count(), Parts = g.Sum(m => (long)m.Parts) })
            .ToListAsync(cancellationToken);
        var ids = groups.Select(g => g.AccountId).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => new { a.ApiId, a.Name }, cancellationToken);
        var names = accounts.Values.ToDictionary(a => a.ApiId, a => a.Name);
        return Fold(
            groups.ConvertAll(g => new Group(accounts.TryGetValue(g.AccountId, out var a) ? a.ApiId : g.AccountId.ToString(CultureInfo.InvariantCulture), g.Status, g.Count, g.Parts)),
            key => names.GetValueOrDefault(key));
    }

    // Bounds are turned to UTC before they are compared: the stored times are the clock's, in UTC.
    private IQueryable<Message> Scope(SmsPortalDbContext db, StatisticsQuery query)
    {
        var start = new DateTimeOffset(query.From.ToDateTime(TimeOnly.MinValue), DayOffset).ToUniversalTime();
        var end = new DateTimeOffset(query.To.AddDays(1).ToDateTime(TimeOnly.MinValue), DayOffset).ToUniversalTime();
        var messages = db.Messages.AsNoTracking().Where(m => m.AcceptedAt >= start && m.AcceptedAt < end);
        if (query.ResellerId is { } reseller)
        {
            var tree = Resellers.ResellerTree.AccountIds(db, reseller);
            messages = messages.Where(m => tree.Contains(m.AccountId));
        }

        return query.AccountId is { } accountId ? messages.Where(m => m.AccountId == accountId) : messages;
    }

    /// <summary>Adds up the (key, status) groups into one row per key, busiest first.</summary>
    private static List<StatisticsRow> Fold(List<Group> groups, Func<string, string?> label) =>
        groups.GroupBy(g => g.Key, StringComparer.Ordinal)
            .Select(k => new StatisticsRow(
                k.Key,
                label(k.Key),
                k.Sum(g => (long)g.Count),
                k.Where(g => g.Status == MessageStatus.Delivered).Sum(g => (long)g.Count),
                k.Where(g => g.Status is MessageStatus.Failed or MessageStatus.Expired).Sum(g => (long)g.Count),
                k.Sum(g => g.Parts)))
            .OrderByDescending(r => r.Sent).ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();

    private sealed record Group(string Key, MessageStatus Status, int Count, long Parts);
}
