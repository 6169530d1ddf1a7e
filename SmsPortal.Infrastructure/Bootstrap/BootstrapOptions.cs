namespace SmsPortal.Infrastructure.Bootstrap;

/// <summary>What a fresh install creates on its first start (section "Bootstrap").</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    /// <summary>With <see cref="DemoApiKey"/>: a verified demo customer with these API credentials.</summary>
    public string? DemoApiId { get; set; }

    public string? DemoApiKey { get; set; }

    public string DemoAccountName { get; set; } = "Demo";

    public long DemoCredits { get; set; } = 1000;

    /// <summary>
    /// When true, a database with no package at all gets <see cref="StarterPackageSet.Packages"/> on its first start,
    /// so that the billing page sells something at once (on in Development; an admin edits or withdraws them).
    /// </summary>
    public bool StarterPackages { get; set; }
}
