namespace SmsPortal.Domain.Review;

/// <summary>
/// One review decision, kept for good: who decided what about which item, when and why. Written in the same
/// transaction as the decision itself; never changed afterwards except to note that the customer was told.
/// </summary>
public sealed class ReviewAuditEntry
{
    public const int SubjectMaxLength = 300;

    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The admin's user id and sign-in name (kept as text: the log outlives a deleted person).</summary>
    public required string ReviewerId { get; set; }

    public required string ReviewerName { get; set; }

    public ReviewItemKind ItemKind { get; set; }

    public int ItemId { get; set; }

    public int AccountId { get; set; }

    /// <summary>What the item said when it was decided: the company name, the signature, the template text.</summary>
    public required string Subject { get; set; }

    public ReviewDecision Decision { get; set; }

    /// <summary>Why: the rejection reason; null for an approval.</summary>
    public string? Reason { get; set; }

    /// <summary>When the customer's mail about this decision went out.</summary>
    public DateTimeOffset? MailedAt { get; set; }
}
