using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Platform;
using SmsPortal.Infrastructure.Records;

namespace SmsPortal.Web.Features.Replies;

/// <summary>Whose replies: one account's (a customer's page), or everyone's including the unmatched ones (the admins').</summary>
public sealed record ReplyScope(int? AccountId)
{
    public static ReplyScope Everyone { get; } = new((int?)null);

    public static ReplyScope Of(int accountId) => new(accountId);

    public bool IsEveryone => AccountId is null;
}

/// <summary>
/// Dates are days, both included, of <see cref="Zone"/> (the reader's display zone) or, without one, of the platform's
/// calendar (Sending:DayOffsetHours). Account (admins only) matches the API ID or name; Reseller (admins only) keeps the
/// replies of that reseller's account and of its customers'.
/// </summary>
public sealed record ReplyFilter(DateOnly? From = null, DateOnly? To = null, string? Mobile = null, string? Content = null, string? Account = null, bool UnmatchedOnly = false,
    int? Reseller = null, TimeZoneInfo? Zone = null);

/// <summary>A handset's reply as the pages show it; SmsId is that of the message it answers, when there is one.</summary>
public sealed record ReplyRow(long Id, DateTimeOffset ReceivedAt, string Mobile, string Content, string? SmsId, bool IsOptOut, string Channel, int? AccountId, string? AccountName, string? AccountApiId);

public sealed record ReplyPage(IReadOnlyList<ReplyRow> Rows, int Total);

/// <summary>Replies filtered and paged in the database, exported as a stream.</summary>
public sealed class ReplyRecords(IDbContextFactory<SmsPortalDbContext> contexts, MessageRecords messages)
{
    public const int MaxPageSize = 200;

    public TimeSpan DayOffset => messages.DayOffset;

    public async Task<ReplyPage> SearchAsync(ReplyScope scope, ReplyFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, scope, filter);
        var total = await query.CountAsync(cancellationToken);
        var rows = await Project(db, query.OrderByDescending(r => r.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxPageSize)))
            .ToListAsync(cancellationToken);
        return new ReplyPage(rows.Select(WithSmsId).ToList(), total);
    }

    /// <summary>The id of the newest reply the scope sees (0 when none): a cheap way to tell whether a page is behind.</summary>
    public async Task<long> NewestIdAsync(ReplyScope scope, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Filtered(db, scope, new ReplyFilter()).MaxAsync(r => (long?)r.Id, cancellationToken) ?? 0;
    }

    /// <summary>Every reply the filter selects, newest first, read as a stream.</summary>
    public async IAsyncEnumerable<ReplyRow> ExportAsync(ReplyScope scope, ReplyFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await foreach (var row in Project(db, Filtered(db, scope, filter).OrderByDescending(r => r.Id)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return WithSmsId(row);
        }
    }

    private static ReplyRow WithSmsId(Projected row) => new(
        row.Id, row.ReceivedAt, row.Mobile, row.Content,
        row.MessageId is { } id && row.AcceptedAt is { } at ? Message.FormatSmsId(at, id) : null,
        row.IsOptOut, row.Channel, row.AccountId, row.AccountName, row.AccountApiId);

    private sealed record Projected(long Id, DateTimeOffset ReceivedAt, string Mobile, string Content, long? MessageId, DateTimeOffset? AcceptedAt, bool IsOptOut, string Channel, int? AccountId, string? AccountName, string? AccountApiId);

    // The smsid needs the answered message's acceptance time: a left join, as a reply may answer nothing.
    private static IQueryable<Projected> Project(SmsPortalDbContext db, IQueryable<Reply> replies) =>
        from r in replies
        join m in db.Messages on r.MessageId equals (long?)m.Id into answered
        from m in answered.DefaultIfEmpty()
        join a in db.Accounts on r.AccountId equals (int?)a.Id into owners
        from a in owners.DefaultIfEmpty()
        select new Projected(r.Id, r.ReceivedAt, r.Mobile, r.Content, r.MessageId, m == null ? null : m.AcceptedAt, r.IsOptOut, r.Channel, r.AccountId,
            a == null ? null : a.Name, a == null ? null : a.ApiId);

    // Bounds are turned to UTC before they are compared, as the records page does (SQLite compares the stored text).
    private IQueryable<Reply> Filtered(SmsPortalDbContext db, ReplyScope scope, ReplyFilter filter)
    {
        var query = db.Replies.AsNoTracking();
        if (scope.AccountId is { } accountId)
        {
            query = query.Where(r => r.AccountId == accountId);
        }
        else
        {
            if (filter.UnmatchedOnly)
            {
                query = query.Where(r => r.AccountId == null);
            }

            if (!string.IsNullOrWhiteSpace(filter.Account))
            {
                var term = filter.Account.Trim();
                query = query.Where(r => db.Accounts.Any(a => a.Id == r.AccountId && (a.ApiId.Contains(term) || a.Name.Contains(term))));
            }

            if (filter.Reseller is { } reseller)
            {
                var tree = SmsPortal.Infrastructure.Resellers.ResellerTree.AccountIds(db, reseller);
                query = query.Where(r => r.AccountId != null && tree.Contains(r.AccountId.Value));
            }
        }

        if (filter.From is { } from)
        {
            var start = PlatformCalendar.DayStart(from, filter.Zone, DayOffset);
            query = query.Where(r => r.ReceivedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = PlatformCalendar.DayStart(to.AddDays(1), filter.Zone, DayOffset);
            query = query.Where(r => r.ReceivedAt < end);
        }

        if (!string.IsNullOrWhiteSpace(filter.Mobile))
        {
            var mobile = filter.Mobile.Trim();
            query = query.Where(r => r.Mobile.Contains(mobile));
        }

        if (!string.IsNullOrWhiteSpace(filter.Content))
        {
            var content = filter.Content.Trim();
            query = query.Where(r => r.Content.Contains(content));
        }

        return query;
    }
}
