using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Review;

/// <summary>The admin who decides: kept by id and by sign-in name in the audit log.</summary>
public sealed record Reviewer(string UserId, string Name);

public sealed record ReviewItemRef(ReviewItemKind Kind, int Id);

/// <summary>
/// One item in the queue. <see cref="Subject"/> is what is being approved (company name, signature, template text);
/// the kind-specific fields are null for the other kinds.
/// </summary>
public sealed record ReviewQueueRow(
    ReviewItemKind Kind, int Id, int AccountId, string AccountName, string ApiId, string Subject, ReviewState State, DateTimeOffset SubmittedAt,
    TemplateKind? TemplateKind = null, string? TemplateName = null, string? SampleValues = null, int? MaxVariableLength = null,
    SignaturePurpose? Purpose = null, bool HasDocument = false, string? CreditCode = null, string? ContactName = null, string? ContactPhone = null)
{
    public ReviewItemRef Ref => new(Kind, Id);
}

public sealed record ReviewQueueCounts(int Verifications, int Signatures, int Templates)
{
    public int Total => Verifications + Signatures + Templates;
}

public sealed record PendingReviews(IReadOnlyList<ReviewQueueRow> Rows, int Total, ReviewQueueCounts Counts);

/// <summary>An item with what the reviewer needs beside it: the account, its past decisions, and how the SMS will read.</summary>
public sealed record ReviewItemDetail(
    ReviewQueueRow Item, bool AccountVerified, DateTimeOffset AccountCreatedAt, IReadOnlyList<string> PreviewSignatures,
    IReadOnlyList<string> Previews, IReadOnlyList<AuditRow> History);

public sealed record ReviewResult(ReviewItemRef Item, ReviewProblem? Problem)
{
    public bool Succeeded => Problem is null;
}

/// <summary>
/// The admins' review queue: pending verifications, signatures and templates of every account, oldest first. Each
/// decision is taken in its own transaction together with its audit entry (and, for a verification, the account's
/// verified flag), then the customer is told by mail and, for templates, by the review-result push.
/// </summary>
public sealed class ReviewQueue(IDbContextFactory<SmsPortalDbContext> contexts, ReviewNotifications notifications, TimeProvider clock)
{
    /// <param name="resellerId">Only the items of this reseller and of its customers.</param>
    public async Task<PendingReviews> PendingAsync(ReviewItemKind? kind, int skip, int take, CancellationToken cancellationToken, int? resellerId = null)
    {
        skip = Math.Max(0, skip);
        take = Math.Clamp(take, 1, 200);
        var enough = skip + take;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var verifications = db.EnterpriseVerifications.Where(v => v.State == ReviewState.Pending);
        var signatures = db.Signatures.Where(s => s.State == ReviewState.Pending);
        var templates = db.MessageTemplates.Where(t => t.State == ReviewState.Pending);
        if (resellerId is { } reseller)
        {
            verifications = verifications.Where(v => v.AccountId == reseller || db.Accounts.Any(a => a.Id == v.AccountId && a.ParentAccountId == reseller));
            signatures = signatures.Where(s => s.AccountId == reseller || db.Accounts.Any(a => a.Id == s.AccountId && a.ParentAccountId == reseller));
            templates = templates.Where(t => t.AccountId == reseller || db.Accounts.Any(a => a.Id == t.AccountId && a.ParentAccountId == reseller));
        }

        var rows = new List<ReviewQueueRow>();
        if (kind is null or ReviewItemKind.Verification)
        {
            rows.AddRange(await Verifications(db, verifications).Take(enough).ToListAsync(cancellationToken));
        }

        if (kind is null or ReviewItemKind.Signature)
        {
            rows.AddRange(await Signatures(db, signatures).Take(enough).ToListAsync(cancellationToken));
        }

        if (kind is null or ReviewItemKind.Template)
        {
            rows.AddRange(await Templates(db, templates).Take(enough).ToListAsync(cancellationToken));
        }

        var counts = new ReviewQueueCounts(
            await verifications.CountAsync(cancellationToken),
            await signatures.CountAsync(s => s.AccountId != null, cancellationToken),
            await templates.CountAsync(t => t.AccountId != null, cancellationToken));
        var total = kind switch
        {
            ReviewItemKind.Verification => counts.Verifications,
            ReviewItemKind.Signature => counts.Signatures,
            ReviewItemKind.Template => counts.Templates,
            _ => counts.Total,
        };
        var page = rows.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Kind).ThenBy(r => r.Id).Skip(skip).Take(take).ToList();
        return new PendingReviews(page, total, counts);
    }

    public async Task<ReviewQueueCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await CountAsync(db, cancellationToken);
    }

    public async Task<ReviewItemDetail?> GetDetailAsync(ReviewItemRef item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = item.Kind switch
        {
            ReviewItemKind.Verification => await Verifications(db, db.EnterpriseVerifications.Where(v => v.Id == item.Id)).FirstOrDefaultAsync(cancellationToken),
            ReviewItemKind.Signature => await Signatures(db, db.Signatures.Where(s => s.Id == item.Id)).FirstOrDefaultAsync(cancellationToken),
            _ => await Templates(db, db.MessageTemplates.Where(t => t.Id == item.Id)).FirstOrDefaultAsync(cancellationToken),
        };
        if (row is null)
        {
            return null;
        }

        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == row.AccountId).Select(a => new { a.IsVerified, a.CreatedAt }).SingleAsync(cancellationToken);
        var signatures = await db.Signatures.AsNoTracking()
            .Where(s => s.State == ReviewState.Approved && (s.AccountId == row.AccountId || s.AccountId == null))
            .OrderBy(s => s.AccountId == null ? 1 : 0).ThenBy(s => s.Id)
            .Select(s => new { s.Text, Platform = s.AccountId == null })
            .ToListAsync(cancellationToken);

        // The account's own signatures when it has any approved, otherwise the platform's: what the SMS can carry.
        var own = signatures.Where(s => !s.Platform).Select(s => s.Text).ToList();
        IReadOnlyList<string> previewSignatures = own.Count > 0 ? own : [.. signatures.Select(s => s.Text)];
        var previews = row.Kind switch
        {
            ReviewItemKind.Template => previewSignatures.Select(s => SignatureRules.Compose(s, TemplateRules.Preview(row.Subject, TemplateRules.SplitSamples(row.SampleValues)))).ToList(),
            ReviewItemKind.Signature => [SignatureRules.Compose(row.Subject, TemplateRules.Preview(MessageTemplate.DefaultText, ["123456"]))],
            _ => [],
        };
        var history = await ReviewAuditLog.NewestFirst(db, db.ReviewAuditEntries.Where(e => e.AccountId == row.AccountId)).Take(20).ToListAsync(cancellationToken);
        return new ReviewItemDetail(row, account.IsVerified, account.CreatedAt, previewSignatures, previews, history);
    }

    /// <summary>Approves each item that is still pending; an item another admin decided meanwhile answers NotPending.</summary>
    public async Task<IReadOnlyList<ReviewResult>> ApproveAsync(Reviewer reviewer, IReadOnlyList<ReviewItemRef> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var results = new List<ReviewResult>(items.Count);
        foreach (var item in items)
        {
            results.Add(await DecideAsync(reviewer, item, ReviewDecision.Approved, null, cancellationToken));
        }

        return results;
    }

    public Task<ReviewResult> RejectAsync(Reviewer reviewer, ReviewItemRef item, string? reason, CancellationToken cancellationToken) =>
        DecideAsync(reviewer, item, ReviewDecision.Rejected, reason, cancellationToken);

    private async Task<ReviewResult> DecideAsync(Reviewer reviewer, ReviewItemRef item, ReviewDecision decision, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        ArgumentNullException.ThrowIfNull(item);
        if (decision == ReviewDecision.Rejected && ReviewFlow.CheckReason(reason) is { } reasonProblem)
        {
            return new ReviewResult(item, reasonProblem);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        (IReviewable Item, int AccountId, string Subject)? found = item.Kind switch
        {
            ReviewItemKind.Verification => await db.EnterpriseVerifications.SingleOrDefaultAsync(v => v.Id == item.Id, cancellationToken) is { } v ? (v, v.AccountId, v.CompanyName) : null,
            ReviewItemKind.Signature => await db.Signatures.SingleOrDefaultAsync(s => s.Id == item.Id && s.AccountId != null, cancellationToken) is { } s ? (s, s.AccountId!.Value, s.Text) : null,
            _ => await db.MessageTemplates.SingleOrDefaultAsync(t => t.Id == item.Id && t.AccountId != null, cancellationToken) is { } t ? (t, t.AccountId!.Value, t.Text) : null,
        };
        if (found is not { } target)
        {
            return new ReviewResult(item, ReviewProblem.NotPending);
        }

        var problem = decision == ReviewDecision.Approved
            ? ReviewFlow.Approve(target.Item, reviewer.Name, now)
            : ReviewFlow.Reject(target.Item, reason, reviewer.Name, now);
        if (problem is not null)
        {
            return new ReviewResult(item, problem);
        }

        if (item.Kind == ReviewItemKind.Verification && decision == ReviewDecision.Approved)
        {
            var account = await db.Accounts.SingleAsync(a => a.Id == target.AccountId, cancellationToken);
            account.IsVerified = true;
        }

        var entry = new ReviewAuditEntry
        {
            At = now,
            ReviewerId = reviewer.UserId,
            ReviewerName = reviewer.Name,
            ItemKind = item.Kind,
            ItemId = item.Id,
            AccountId = target.AccountId,
            Subject = target.Subject.Length > ReviewAuditEntry.SubjectMaxLength ? target.Subject[..ReviewAuditEntry.SubjectMaxLength] : target.Subject,
            Decision = decision,
            Reason = target.Item.RejectionReason,
        };
        db.ReviewAuditEntries.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ReviewResult(item, ReviewProblem.NotPending);
        }

        await notifications.NotifyAsync(entry, cancellationToken);
        return new ReviewResult(item, null);
    }

    private static async Task<ReviewQueueCounts> CountAsync(SmsPortalDbContext db, CancellationToken cancellationToken) => new(
        await db.EnterpriseVerifications.CountAsync(v => v.State == ReviewState.Pending, cancellationToken),
        await db.Signatures.CountAsync(s => s.State == ReviewState.Pending && s.AccountId != null, cancellationToken),
        await db.MessageTemplates.CountAsync(t => t.State == ReviewState.Pending && t.AccountId != null, cancellationToken));

    // Oldest first; the three kinds are merged in memory, so each query only needs its own order.
    private static IQueryable<ReviewQueueRow> Verifications(SmsPortalDbContext db, IQueryable<EnterpriseVerification> source) =>
        from v in source.AsNoTracking()
        join a in db.Accounts on v.AccountId equals a.Id
        orderby v.SubmittedAt, v.Id
        select new ReviewQueueRow(ReviewItemKind.Verification, v.Id, v.AccountId, a.Name, a.ApiId, v.CompanyName, v.State, v.SubmittedAt,
            null, null, null, null, null, v.Licence != null, v.CreditCode, v.ContactName, v.ContactPhone);

    private static IQueryable<ReviewQueueRow> Signatures(SmsPortalDbContext db, IQueryable<Signature> source) =>
        from s in source.AsNoTracking()
        join a in db.Accounts on s.AccountId equals a.Id
        orderby s.SubmittedAt, s.Id
        select new ReviewQueueRow(ReviewItemKind.Signature, s.Id, a.Id, a.Name, a.ApiId, s.Text, s.State, s.SubmittedAt,
            null, null, null, null, s.Purpose, s.Document != null, null, null, null);

    private static IQueryable<ReviewQueueRow> Templates(SmsPortalDbContext db, IQueryable<MessageTemplate> source) =>
        from t in source.AsNoTracking()
        join a in db.Accounts on t.AccountId equals a.Id
        orderby t.SubmittedAt, t.Id
        select new ReviewQueueRow(ReviewItemKind.Template, t.Id, a.Id, a.Name, a.ApiId, t.Text, t.State, t.SubmittedAt,
            t.Kind, t.Name, t.SampleValues, t.MaxVariableLength, null, false, null, null, null);
}
