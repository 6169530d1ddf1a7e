namespace SmsPortal.Domain.Review;

/// <summary>A sender signature, shown as 【Text】 in front of every SMS.</summary>
public sealed class Signature
{
    public int Id { get; set; }

    /// <summary>The owning account; null for the platform's default signature, which every account may use.</summary>
    public int? AccountId { get; set; }

    public required string Text { get; set; }

    public ReviewState State { get; set; }

    public string? RejectionReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public bool IsPlatformDefault => AccountId is null;
}
