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

    /// <summary>
    /// Reverse proxies (IP addresses) whose X-Forwarded-For and X-Forwarded-Proto are believed: the caller's address
    /// for IP binding and denied addresses, and https for HSTS and secure cookies. The headers from anyone else are ignored.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. 10.0.0.0/8) whose every address is a trusted proxy, as <see cref="KnownProxies"/>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>
    /// When true, an admin or a reseller without an authenticator app is sent to set one up and can use no admin or
    /// console page until two-factor sign-in is on.
    /// </summary>
    public bool RequireTwoFactorForAdmins { get; set; }
}
