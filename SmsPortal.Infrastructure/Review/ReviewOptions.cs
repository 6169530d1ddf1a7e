namespace SmsPortal.Infrastructure.Review;

/// <summary>Settings of content review (section "Review").</summary>
public sealed class ReviewOptions
{
    public const string Section = "Review";

    /// <summary>The largest business licence or signature document accepted, in bytes (5 MB).</summary>
    public long MaxUploadBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Where uploaded documents are kept, relative to the content root: outside wwwroot, never served as static files.</summary>
    public string UploadDirectory { get; set; } = "App_Data/uploads";

    /// <summary>How often a node asks the database whether the sensitive-word list changed.</summary>
    public int SensitiveWordsRefreshSeconds { get; set; } = 5;
}
