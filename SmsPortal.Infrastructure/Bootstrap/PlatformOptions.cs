namespace SmsPortal.Infrastructure.Bootstrap;

/// <summary>Platform-wide settings (section "Platform").</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>The brand of this install, and the default signature every account may use (without 【】).</summary>
    public string DefaultSignature { get; set; } = "SmsPortal";

    /// <summary>Free SMS a new account gets (the vendor gives 50).</summary>
    public long TrialCredits { get; set; } = 50;

    /// <summary>
    /// The address people and payment providers reach the portal at (e.g. https://sms.example.com/): every link in a
    /// mail and every callback URL starts with it, never with the Host a request names. Required outside Development.
    /// </summary>
    public string? PublicUrl { get; set; }
}
