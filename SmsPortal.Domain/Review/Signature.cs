namespace SmsPortal.Domain.Review;

/// <summary>A sender signature, shown as 【Text】 in front of every SMS.</summary>
public sealed class Signature : IReviewable
{
    public int Id { get; set; }

    /// <summary>The owning account; null for the platform's default signature, which every account may use.</summary>
    public int? AccountId { get; set; }

    public required string Text { get; set; }

    /// <summary>What the name belongs to; the supporting document proves it.</summary>
    public SignaturePurpose Purpose { get; set; }

    /// <summary>The supporting document as stored (see the uploads folder), or null for the platform's signature.</summary>
    public StoredDocument? Document { get; set; }

    public ReviewState State { get; set; }

    public string? RejectionReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public string? ReviewedBy { get; set; }

    public bool IsPlatformDefault => AccountId is null;
}

/// <summary>What a signature names, as the vendor asks: a company, an app, a web site or a registered trademark.</summary>
public enum SignaturePurpose
{
    Company = 0,
    App = 1,
    Site = 2,
    Trademark = 3,
}
