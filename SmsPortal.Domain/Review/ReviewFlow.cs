namespace SmsPortal.Domain.Review;

/// <summary>What an admin reviews: an enterprise verification, a signature or a template.</summary>
public interface IReviewable
{
    ReviewState State { get; set; }

    string? RejectionReason { get; set; }

    /// <summary>When it was last handed in: how long it has waited in the queue counts from here.</summary>
    DateTimeOffset SubmittedAt { get; set; }

    DateTimeOffset? ReviewedAt { get; set; }

    /// <summary>Who decided (the admin's sign-in name), for the record.</summary>
    string? ReviewedBy { get; set; }
}

public enum ReviewItemKind
{
    Verification = 0,
    Signature = 1,
    Template = 2,
}

public enum ReviewDecision
{
    Approved = 0,
    Rejected = 1,
}

public enum ReviewProblem
{
    /// <summary>Only a pending item can be decided (another admin may have decided it already).</summary>
    NotPending = 0,

    /// <summary>Pending items wait for a decision and approved ones are final: only drafts and rejected items change.</summary>
    NotEditable = 1,

    /// <summary>A rejection says why.</summary>
    ReasonMissing = 2,

    ReasonTooLong = 3,
}

/// <summary>
/// The one state machine of review: draft → pending (submit); pending → approved or rejected (an admin decides,
/// a rejection with a reason); rejected → pending again once corrected (resubmission). Pending and approved items
/// are not edited: a decision is always about exactly what the admin saw.
/// </summary>
public static class ReviewFlow
{
    public const int MaxReasonLength = 500;

    public static bool CanEdit(ReviewState state) => state is ReviewState.Draft or ReviewState.Rejected;

    /// <summary>Hands a draft or a corrected rejected item in; the old reason goes, the wait starts now.</summary>
    public static ReviewProblem? Submit(IReviewable item, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!CanEdit(item.State))
        {
            return ReviewProblem.NotEditable;
        }

        item.State = ReviewState.Pending;
        item.SubmittedAt = now;
        item.RejectionReason = null;
        item.ReviewedAt = null;
        item.ReviewedBy = null;
        return null;
    }

    public static ReviewProblem? Approve(IReviewable item, string reviewer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.State != ReviewState.Pending)
        {
            return ReviewProblem.NotPending;
        }

        item.State = ReviewState.Approved;
        item.RejectionReason = null;
        item.ReviewedAt = now;
        item.ReviewedBy = reviewer;
        return null;
    }

    public static ReviewProblem? Reject(IReviewable item, string? reason, string reviewer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (CheckReason(reason) is { } problem)
        {
            return problem;
        }

        if (item.State != ReviewState.Pending)
        {
            return ReviewProblem.NotPending;
        }

        item.State = ReviewState.Rejected;
        item.RejectionReason = reason!.Trim();
        item.ReviewedAt = now;
        item.ReviewedBy = reviewer;
        return null;
    }

    public static ReviewProblem? CheckReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? ReviewProblem.ReasonMissing
        : reason.Trim().Length > MaxReasonLength ? ReviewProblem.ReasonTooLong
        : null;
}
