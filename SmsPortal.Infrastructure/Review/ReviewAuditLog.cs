using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Review;

public sealed record AuditRow(
    long Id, DateTimeOffset At, string ReviewerName, ReviewItemKind Kind, int ItemId, int AccountId, string AccountName,
    string Subject, ReviewDecision Decision, string? Reason, DateTimeOffset? MailedAt);

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total);

/// <param name="Search">Part of the account's name or API ID, the reviewer's name, or the item's text.</param>
/// <param name="From">Decisions at or after this instant.</param>
/// <param name="To">Decisions before this instant.</param>
/// <param name="ResellerId">Admins: only the decisions on this reseller's account and on its customers'.</param>
public sealed record AuditFilter(
    ReviewItemKind? Kind = null, ReviewDecision? Decision = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    string? Search = null, int? AccountId = null, int? ResellerId = null);

/// <summary>Reads the review decisions: every one for admins, an account's own for its console.</summary>
public sealed class ReviewAuditLog(IDbContextFactory<SmsPortalDbContext> contexts)
{
    public async Task<AuditPage> SearchAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.ReviewAuditEntries.AsNoTracking();
        if (filter.AccountId is { } accountId)
        {
            query = query.Where(e => e.AccountId == accountId);
        }

        if (filter.ResellerId is { } reseller)
        {
            var tree = Resellers.ResellerTree.AccountIds(db, reseller);
            query = query.Where(e => tree.Contains(e.AccountId));
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(e => e.ItemKind == kind);
        }

        if (filter.Decision is { } decision)
        {
            query = query.Where(e => e.Decision == decision);
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.At >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.At < to);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            query = query.Where(e => e.ReviewerName.Contains(term) || e.Subject.Contains(term)
                || db.Accounts.Any(a => a.Id == e.AccountId && (a.Name.Contains(term) || a.ApiId.Contains(term))));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await NewestFirst(db, query)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200)).ToListAsync(cancellationToken);
        return new AuditPage(rows, total);
    }

    internal static IQueryable<AuditRow> NewestFirst(SmsPortalDbContext db, IQueryable<ReviewAuditEntry> entries) =>
        from e in entries
        join a in db.Accounts on e.AccountId equals a.Id
        orderby e.At descending, e.Id descending
        select new AuditRow(e.Id, e.At, e.ReviewerName, e.ItemKind, e.ItemId, e.AccountId, a.Name, e.Subject, e.Decision, e.Reason, e.MailedAt);
}
