using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Platform;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Infrastructure.Statistics;

namespace SmsPortal.Infrastructure.Records;

/// <summary>The statuses a customer filters by: the outbox's inner steps are one "pending" to them.</summary>
public enum RecordStatus
{
    Any = 0,

    /// <summary>Accepted, being dispatched, or handed to the carrier and waiting for the receipt.</summary>
    Pending = 1,

    Delivered = 2,

    /// <summary>Failed or expired: both are refunded.</summary>
    Failed = 3,
}

/// <summary>
/// What the records page filters by. Dates are days, both included, of <see cref="Zone"/> (the reader's display zone)
/// or, without one, of the platform's calendar (Sending:DayOffsetHours).
/// </summary>
public sealed record RecordFilter(
    RecordStatus Status = RecordStatus.Any,
    DateOnly? From = null,
    DateOnly? To = null,
    string? Mobile = null,
    string? Content = null,
    TimeZoneInfo? Zone = null);

/// <summary>
/// One sent message as the account sees it; <see cref="Text"/> is masked when the account asks for it. A message abroad
/// has its <see cref="Country"/> (calling code), the money it was charged (<see cref="PriceFen"/>) and what the platform pays
/// (<see cref="CostFen"/>, shown to admins only), all in CNY fen.
/// </summary>
public sealed record RecordRow(
    long Id,
    string SmsId,
    string Mobile,
    string Text,
    int? TemplateId,
    int Parts,
    MessageStatus Status,
    SubmissionDoor Door,
    DateTimeOffset AcceptedAt,
    DateTimeOffset? DoneAt,
    string? FailedUpstream = null,
    string? Country = null,
    long? PriceFen = null,
    long? CostFen = null)
{
    /// <summary>Whether the message went abroad, charged in money (<see cref="PriceFen"/>, CNY fen) rather than credits.</summary>
    public bool IsAbroad => Country is not null;

    public bool IsFinal => Status is MessageStatus.Delivered or MessageStatus.Failed or MessageStatus.Expired;

    /// <summary>Why a failed or expired message failed, as the upstream said it; null for every other.</summary>
    public FailureReason? Reason => FailedUpstream is null ? null : FailureReason.Of(FailedUpstream);
}

/// <param name="Total">How many rows the filter selects; with <paramref name="TotalIsAtLeast"/>, more than that (a count stopped at <see cref="MessageRecords.CountCap"/>).</param>
public sealed record RecordPage(IReadOnlyList<RecordRow> Rows, int Total, bool Masked, bool TotalIsAtLeast = false);

/// <param name="Sent">Every message accepted in the period (whatever became of it).</param>
public sealed record StatusCounts(int Sent, int Delivered, int Failed)
{
    public int Pending => Sent - Delivered - Failed;
}

public sealed record RecordStatistics(StatusCounts Today, StatusCounts ThisWeek, StatusCounts ThisMonth);

/// <summary>
/// An account's sent messages: filtered and paged in the database (the table holds every account's messages),
/// exported as a stream, counted for the statistics. Masking is applied here, so no door shows unmasked text.
/// </summary>
public sealed class MessageRecords(IDbContextFactory<SmsPortalDbContext> contexts, PlatformCalendar calendar, TimeProvider clock, SendStatistics statistics)
{
    public const int MaxPageSize = 200;

    /// <summary>A filter by number or text counts its matches up to this many; past it the page says "more than" (as big consoles do).</summary>
    public const int CountCap = 10_000;

    private const string LikeEscape = "\\";

    // Newest first, as FTS5 reads its rows: the limit stops it there.
    private const string IndexCountSql = "SELECT count(*) AS \"Value\" FROM (SELECT rowid FROM \"" + MessageTextIndex.Table + "\" WHERE \"" + MessageTextIndex.Table +
        "\" MATCH {0} AND rowid <= {1} ORDER BY rowid DESC LIMIT {2})";

    // IndexedSql, made once: the columns come from the model, the same for every context of the (SQLite) provider.
    private static string? indexedSql;

    private static readonly System.Linq.Expressions.Expression<Func<Message, RecordRow>> AsRow = m =>
        new RecordRow(m.Id, "", m.Mobile, m.Text, m.TemplateId, m.Parts, m.Status, m.Door, m.AcceptedAt, m.DoneAt,
            m.Status == MessageStatus.Failed || m.Status == MessageStatus.Expired ? m.UpstreamStatus : null, m.Country, m.PriceFen, m.CostFen);

    /// <summary>The platform's calendar: where its days start (the daily limits count the same days).</summary>
    public TimeSpan DayOffset => calendar.Offset;

    public Task<RecordPage> SearchAsync(int accountId, RecordFilter filter, int skip, int take, CancellationToken cancellationToken) =>
        SearchAsync(accountId, filter, skip, take, null, cancellationToken);

    /// <summary>
    /// A page of the filter's rows, newest first: after <paramref name="beforeId"/> (the last id of the page before, keyset
    /// paging: the next page is read from the index where the last one ended) or, without it, after <paramref name="skip"/> rows.
    /// </summary>
    public async Task<RecordPage> SearchAsync(int accountId, RecordFilter filter, int skip, int take, long? beforeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (parts, indexOnly) = await FilteredAsync(db, accountId, filter, cancellationToken);
        int total;
        var atLeast = false;
        if (string.IsNullOrWhiteSpace(filter.Mobile) && string.IsNullOrWhiteSpace(filter.Content) && calendar.IsPlatformDays(filter.Zone))
        {
            // A filter by status and days of the platform's calendar alone: its total is a sum of the daily rollups (and today's messages).
            var counts = await statistics.TotalAsync(accountId, filter.From, filter.To, cancellationToken);
            total = (int)(filter.Status switch
            {
                RecordStatus.Pending => counts.Pending,
                RecordStatus.Delivered => counts.Delivered,
                RecordStatus.Failed => counts.Failed,
                _ => counts.Sent,
            });
        }
        else
        {
            // Counted, up to the cap: a common word in a million messages is "more than 10,000", not a count of them all.
            // In the page's order (the account's index on ids, newest first): a limit without an order is not EF's to trust.
            // The parts (newest first: the messages the text index has not reached, then those it has) are counted in turn.
            // When the index's match is the whole filter, its part is counted in the index alone (a trigram phrase with case
            // kept matches exactly the texts containing the search), without reading each message again.
            total = 0;
            for (var i = 0; i < parts.Count; i++)
            {
                total += i == parts.Count - 1 && indexOnly is { } index
                    ? await db.Database.SqlQueryRaw<int>(IndexCountSql, index.Match, index.Mark, CountCap + 1 - total).SingleAsync(cancellationToken)
                    : await parts[i].OrderByDescending(m => m.Id).Take(CountCap + 1 - total).CountAsync(cancellationToken);
                if (total > CountCap)
                {
                    break;
                }
            }

            (total, atLeast) = total > CountCap ? (CountCap, true) : (total, false);
        }

        var rows = await PageAsync(parts, skip, Math.Clamp(take, 1, MaxPageSize), beforeId, cancellationToken);
        var masker = await MaskerAsync(db, accountId, rows.Select(r => r.TemplateId).OfType<int>().Distinct().ToArray(), cancellationToken);
        return new RecordPage(rows.Select(masker.Apply).ToList(), total, masker.IsOn, atLeast);
    }

    /// <summary>One of the account's messages with everything stored about it; null when the account has no such message.</summary>
    public async Task<RecordDetail?> DetailAsync(int accountId, long messageId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var message = await db.Messages.AsNoTracking().Where(m => m.AccountId == accountId && m.Id == messageId).SingleOrDefaultAsync(cancellationToken);
        if (message is null)
        {
            return null;
        }

        var masker = await MaskerAsync(db, accountId, message.TemplateId is int t ? [t] : [], cancellationToken);
        var row = masker.Apply(new RecordRow(message.Id, "", message.Mobile, message.Text, message.TemplateId, message.Parts, message.Status, message.Door,
            message.AcceptedAt, message.DoneAt, message.IsFinal && message.Status != MessageStatus.Delivered ? message.UpstreamStatus : null, message.Country, message.PriceFen, message.CostFen));

        // Ledger lines name the message by its smsid; they are written at acceptance and at the final status, not before.
        var smsId = row.SmsId;
        var acceptedAt = message.AcceptedAt.ToUniversalTime();
        var charges = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.AccountId == accountId && e.Reference == smsId && e.CreatedAt >= acceptedAt)
            .OrderBy(e => e.Id)
            .Select(e => new RecordCharge(e.Kind, e.Amount, e.CreatedAt, e.Currency))
            .ToListAsync(cancellationToken);
        var pushes = (await db.PushOutbox.AsNoTracking()
            .Where(p => p.MessageId == messageId && p.AccountId == accountId)
            .OrderBy(p => p.Id)
            .ToListAsync(cancellationToken))
            .ConvertAll(p => new RecordPush(p.Kind, p.State, p.Attempts, DateTimeOffset.FromUnixTimeMilliseconds(p.CreatedAtMs),
                p.DoneAtMs is long done ? DateTimeOffset.FromUnixTimeMilliseconds(done) : null, p.Url, p.LastAnswer));
        var upstream = message.UpstreamStatus;
        if (masker.IsOn && upstream?.IndexOf(" text:", StringComparison.OrdinalIgnoreCase) is int cut and >= 0)
        {
            // A receipt's text: field repeats the start of the message, values and all.
            upstream = upstream[..cut];
        }

        return new RecordDetail(row, message.SubmittedAt, message.Channel, message.UpstreamId, upstream, message.DispatchAttempts, charges, pushes);
    }

    /// <summary>Every row the filter selects, newest first, read as a stream (an export never holds the table in memory).</summary>
    public async IAsyncEnumerable<RecordRow> ExportAsync(int accountId, RecordFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var masker = await MaskerAsync(db, accountId, null, cancellationToken);
        foreach (var part in (await FilteredAsync(db, accountId, filter, cancellationToken)).Parts)
        {
            await foreach (var row in part.OrderByDescending(m => m.Id).Select(AsRow).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                yield return masker.Apply(row);
            }
        }
    }

    /// <summary>Messages accepted today, this week (from Monday) and this month, by what became of them (the statistics' days: rollups and today).</summary>
    public Task<RecordStatistics> StatisticsAsync(int accountId, CancellationToken cancellationToken) =>
        StatisticsAsync((int?)accountId, cancellationToken);

    /// <summary>The same for every account's messages (the admin dashboard).</summary>
    public Task<RecordStatistics> PlatformStatisticsAsync(CancellationToken cancellationToken) =>
        StatisticsAsync(null, cancellationToken);

    /// <summary>Where today, this week (Monday) and this month began on the platform's calendar.</summary>
    public (DateTimeOffset Today, DateTimeOffset Week, DateTimeOffset Month) PeriodStarts()
    {
        var now = clock.GetUtcNow().ToOffset(calendar.Offset);
        var today = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, calendar.Offset);
        return (today, today.AddDays(-(((int)today.DayOfWeek + 6) % 7)), new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, calendar.Offset));
    }

    /// <summary>The last <paramref name="days"/> days of the platform's calendar, today included, oldest first, by what became of their messages.</summary>
    public async Task<IReadOnlyList<DayCounts>> DailyAsync(int accountId, int days, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, 90);
        var today = DateOnly.FromDateTime(PeriodStarts().Today.DateTime);
        var rows = await statistics.ReadAsync(new StatisticsQuery(accountId, today.AddDays(1 - days), today, StatisticsGrouping.Day), cancellationToken);
        return rows.Select(r => new DayCounts(DateOnly.ParseExact(r.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture), Counts(r))).ToList();
    }

    /// <summary>The same for the messages <paramref name="scope"/> selects (a reseller's customers: several accounts).</summary>
    public async Task<IReadOnlyList<DayCounts>> DailyAsync(Func<SmsPortalDbContext, IQueryable<Message>> scope, int days, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, 90);
        var today = PeriodStarts().Today;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var result = new List<DayCounts>(days);
        for (var i = days - 1; i >= 0; i--)
        {
            var start = today.AddDays(-i);
            result.Add(new DayCounts(DateOnly.FromDateTime(start.DateTime), await CountAsync(scope(db), start, start.AddDays(1), cancellationToken)));
        }

        return result;
    }

    private async Task<RecordStatistics> StatisticsAsync(int? accountId, CancellationToken cancellationToken)
    {
        var (today, week, month) = PeriodStarts();
        var (todayDay, weekDay, monthDay) = (DateOnly.FromDateTime(today.DateTime), DateOnly.FromDateTime(week.DateTime), DateOnly.FromDateTime(month.DateTime));
        // One read by day from the earlier of Monday and the 1st (at most 31 days), added up three ways.
        var days = await statistics.ReadAsync(new StatisticsQuery(accountId, weekDay < monthDay ? weekDay : monthDay, todayDay, StatisticsGrouping.Day), cancellationToken);
        StatusCounts Since(DateOnly first)
        {
            var since = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var rows = days.Where(r => string.CompareOrdinal(r.Key, since) >= 0).ToList();
            return new StatusCounts((int)rows.Sum(r => r.Sent), (int)rows.Sum(r => r.Delivered), (int)rows.Sum(r => r.Failed));
        }

        return new RecordStatistics(Since(todayDay), Since(weekDay), Since(monthDay));
    }

    private static StatusCounts Counts(StatisticsRow row) => new((int)row.Sent, (int)row.Delivered, (int)row.Failed);

    private static async Task<StatusCounts> CountAsync(IQueryable<Message> messages, DateTimeOffset since, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        since = since.ToUniversalTime();
        var until = (before ?? DateTimeOffset.MaxValue).ToUniversalTime();
        var byStatus = await messages
            .Where(m => m.AcceptedAt >= since && m.AcceptedAt < until)
            .GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new StatusCounts(
            byStatus.Sum(s => s.Count),
            byStatus.Where(s => s.Status == MessageStatus.Delivered).Sum(s => s.Count),
            byStatus.Where(s => s.Status is MessageStatus.Failed or MessageStatus.Expired).Sum(s => s.Count));
    }

    // Times are stored as the clock gives them, in UTC, and SQLite's converter orders by clock ticks whatever the
    // offset: every bound is turned to UTC before it is compared.
    // A filter by three characters or more of a number or text is two parts on SQLite: the messages after the text index's
    // mark, scanned, then those up to it, read from the index (MessageTextIndex); their ids do not overlap and each part
    // keeps every condition of the filter, so together they are the rows of one scan. Otherwise one part.
    // IndexOnly: the index's match and mark, when the match is the whole filter (no status or days): its part is counted in the index.
    private async Task<(IReadOnlyList<IQueryable<Message>> Parts, (string Match, long Mark)? IndexOnly)> FilteredAsync(SmsPortalDbContext db, int accountId, RecordFilter filter, CancellationToken cancellationToken)
    {
        var mobile = string.IsNullOrWhiteSpace(filter.Mobile) ? null : filter.Mobile.Trim();
        var content = string.IsNullOrWhiteSpace(filter.Content) ? null : filter.Content.Trim();
        // A whole mainland number is one key of the index on numbers (a mainland number is stored as its 11 digits, a
        // number abroad as "country number"); any other part of a number is searched for inside every number.
        var wholeNumber = mobile is not null && WholeMainlandNumber(mobile);
        var bounds = await IdBoundsAsync(filter, cancellationToken);
        var messages = db.Messages.AsNoTracking();
        if (db.Database.IsSqlite() && ((!wholeNumber && MessageTextIndex.Serves(mobile)) || MessageTextIndex.Serves(content))
            && await MessageTextIndex.MarkAsync(db, cancellationToken) is var mark and > 0)
        {
            var match = MessageTextIndex.Match(accountId, wholeNumber ? null : mobile, content);
            var indexed = db.Messages.FromSqlRaw(IndexedSql(db), match, mark).AsNoTracking();
            var wholeFilter = filter.Status == RecordStatus.Any && filter.From is null && filter.To is null
                && (mobile is null || (!wholeNumber && MessageTextIndex.Serves(mobile))) && (content is null || MessageTextIndex.Serves(content));
            return (
            [
                Filtered(messages.Where(m => m.Id > mark), accountId, filter, bounds, mobile, wholeNumber, content, likeForIndex: false),
                Filtered(indexed, accountId, filter, bounds, mobile, wholeNumber, content, likeForIndex: false),
            ], wholeFilter ? (match, mark) : null);
        }

        return ([Filtered(messages, accountId, filter, bounds, mobile, wholeNumber, content, likeForIndex: db.Database.IsNpgsql())], null);
    }

    // The same days as ids where the rollups' folds know them: the account's index on ids is then read over those days only.
    // A reader's zone other than the platform's days shifts a day by less than a day either way: the bounds take one more.
    private Task<(long? Low, long? High)> IdBoundsAsync(RecordFilter filter, CancellationToken cancellationToken)
    {
        var platformDays = calendar.IsPlatformDays(filter.Zone);
        return statistics.IdBoundsAsync(platformDays ? filter.From : filter.From?.AddDays(-1), platformDays ? filter.To : filter.To?.AddDays(1), cancellationToken);
    }

    private IQueryable<Message> Filtered(IQueryable<Message> query, int accountId, RecordFilter filter, (long? Low, long? High) bounds, string? mobile, bool wholeNumber, string? content, bool likeForIndex)
    {
        query = query.Where(m => m.AccountId == accountId);
        query = filter.Status switch
        {
            // In the order of the partial index's condition (0, 1, 5), which SQLite matches as written: the account's pending messages are read from it.
            RecordStatus.Pending => query.Where(m => m.Status == MessageStatus.Accepted || m.Status == MessageStatus.Submitted || m.Status == MessageStatus.Dispatching),
            RecordStatus.Delivered => query.Where(m => m.Status == MessageStatus.Delivered),
            RecordStatus.Failed => query.Where(m => m.Status == MessageStatus.Failed || m.Status == MessageStatus.Expired),
            _ => query,
        };

        if (filter.From is { } from)
        {
            var start = calendar.Start(from, filter.Zone);
            query = query.Where(m => m.AcceptedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = calendar.End(to, filter.Zone);
            query = query.Where(m => m.AcceptedAt < end);
        }

        if (bounds.Low is { } lowId)
        {
            query = query.Where(m => m.Id >= lowId);
        }

        if (bounds.High is { } highId)
        {
            query = query.Where(m => m.Id < highId);
        }
        else if (bounds.Low is not null)
        {
            // Days up to today (no fold after them): with a bound on one side only SQLite reads the account's days on its
            // (AccountId, AcceptedAt) index and sorts them all for the newest page (1.4 s for a big account's week); a bound
            // on both sides makes the (AccountId, Id) index the cheaper read, newest first, no sort. Every id is below it.
            query = query.Where(m => m.Id < long.MaxValue);
        }

        // On PostgreSQL a part of three characters or more is searched with LIKE, which its pg_trgm indexes serve (a
        // plain LIKE there is case-sensitive, as the scan's strpos is: the same rows).
        if (mobile is not null)
        {
            query = wholeNumber ? query.Where(m => m.Mobile == mobile)
                : likeForIndex && MessageTextIndex.Serves(mobile) ? query.Where(m => EF.Functions.Like(m.Mobile, LikeContaining(mobile), LikeEscape))
                : query.Where(m => m.Mobile.Contains(mobile));
        }

        // The content filter reads the stored text, masked or not: masking keeps values off screens and exports,
        // it is not access control (whoever can search can also send).
        if (content is not null)
        {
            query = likeForIndex && MessageTextIndex.Serves(content) ? query.Where(m => EF.Functions.Like(m.Text, LikeContaining(content), LikeEscape))
                : query.Where(m => m.Text.Contains(content));
        }

        return query;
    }

    /// <summary>A LIKE pattern for rows containing <paramref name="text"/>: its own %, _ and \ match themselves.</summary>
    private static string LikeContaining(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>
    /// The messages the text index matches up to its mark, driven by the index newest first: the FTS table is the outer
    /// loop (CROSS JOIN fixes the order in SQLite) and gives the id, so the page's order and id bounds go to the index.
    /// </summary>
    private static string IndexedSql(SmsPortalDbContext db) => indexedSql ??= MakeIndexedSql(db);

    private static string MakeIndexedSql(SmsPortalDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(Message))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Select(p => p.GetColumnName(table)!)
            .Where(c => c != "Id")
            .Select(c => $"x.\"{c}\"");
        return $"SELECT t.rowid AS \"Id\", {string.Join(", ", columns)} FROM \"{MessageTextIndex.Table}\" AS t CROSS JOIN \"Messages\" AS x ON x.\"Id\" = t.rowid " +
            $"WHERE t.\"{MessageTextIndex.Table}\" MATCH {{0}} AND t.rowid <= {{1}}";
    }

    /// <summary>
    /// A page of the parts' rows, newest first (the parts come newest first and their ids do not overlap): after
    /// <paramref name="beforeId"/>, or after <paramref name="skip"/> rows counted across the parts.
    /// </summary>
    private static async Task<List<RecordRow>> PageAsync(IReadOnlyList<IQueryable<Message>> parts, int skip, int take, long? beforeId, CancellationToken cancellationToken)
    {
        var rows = new List<RecordRow>(take);
        skip = Math.Max(0, skip);
        foreach (var part in parts)
        {
            var need = take - rows.Count;
            if (need == 0)
            {
                break;
            }

            var ordered = beforeId is { } before
                ? part.Where(m => m.Id < before).OrderByDescending(m => m.Id)
                : part.OrderByDescending(m => m.Id).Skip(skip);
            var got = await ordered.Take(need).Select(AsRow).ToListAsync(cancellationToken);
            rows.AddRange(got);
            if (beforeId is null && skip > 0)
            {
                // What this part held before the page: all of the skip when it gave rows, else as many as it has.
                skip = got.Count > 0 ? 0 : skip - await part.OrderByDescending(m => m.Id).Take(skip).CountAsync(cancellationToken);
            }
        }

        return rows;
    }

    private static bool WholeMainlandNumber(string text) => text.Length == 11 && text[0] == '1' && text.All(char.IsAsciiDigit);

    /// <summary>
    /// Reads the account's masking choice and, when it is on, the templates its messages name. Templates are read
    /// whatever their state (a message keeps the template it was sent with, even one withdrawn since); an account
    /// has tens of them, so each is parsed once per page or export rather than per row.
    /// </summary>
    private static async Task<Masker> MaskerAsync(SmsPortalDbContext db, int accountId, int[]? templateIds, CancellationToken cancellationToken)
    {
        var isOn = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.MaskRecords).SingleOrDefaultAsync(cancellationToken);
        if (!isOn)
        {
            return new Masker(false, new Dictionary<int, ParsedTemplate>());
        }

        var templates = db.MessageTemplates.AsNoTracking();
        if (templateIds is not null)
        {
            templates = templates.Where(t => templateIds.Contains(t.Id));
        }
        else
        {
            templates = templates.Where(t => t.AccountId == accountId || t.AccountId == null);
        }

        var texts = await templates.Select(t => new { t.Id, t.Text }).ToListAsync(cancellationToken);
        var parsed = new Dictionary<int, ParsedTemplate>();
        foreach (var template in texts)
        {
            if (TemplateText.Parse(template.Text).Template is { } ok)
            {
                parsed[template.Id] = ok;
            }
        }

        return new Masker(true, parsed);
    }

    private sealed class Masker(bool isOn, Dictionary<int, ParsedTemplate> templates)
    {
        public bool IsOn => isOn;

        public RecordRow Apply(RecordRow row) => row with
        {
            SmsId = Message.FormatSmsId(row.AcceptedAt, row.Id),
            Text = isOn ? RecordMask.Mask(row.Text, row.TemplateId is int id ? templates.GetValueOrDefault(id) : null) : row.Text,
        };
    }
}
