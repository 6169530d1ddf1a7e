namespace SmsPortal.Domain.Review;

/// <summary>A word the platform refuses in templates and messages (407), managed by the admins.</summary>
public sealed class SensitiveWord
{
    public const int MaxLength = 50;

    public int Id { get; set; }

    /// <summary>The word as an admin wrote it.</summary>
    public required string Word { get; set; }

    /// <summary>The word as the matcher compares it (case, width, spaces and punctuation folded): unique, so "VPN" and "v p n" are one entry.</summary>
    public required string Folded { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }
}
