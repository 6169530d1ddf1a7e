using SmsPortal.Infrastructure.Billing;

namespace SmsPortal.Infrastructure.Bootstrap;

/// <summary>
/// The packages a fresh install puts on sale when <see cref="BootstrapOptions.StarterPackages"/> is on: three sizes at
/// prices in the range Chinese vendors list for domestic SMS (about ¥0.04 a message in bulk), valid for a year.
/// They are ordinary packages afterwards: the admin's Packages page edits or withdraws them.
/// </summary>
public static class StarterPackageSet
{
    public static IReadOnlyList<(string Name, long Sms, decimal Price, int ValidityDays)> Packages { get; } =
    [
        ("Starter 1,000", 1_000, 50.00m, 365),
        ("Standard 10,000", 10_000, 450.00m, 365),
        ("Business 100,000", 100_000, 4_000.00m, 365),
    ];

    /// <summary>Who the billing audit names for them.</summary>
    internal static BillingActor Actor { get; } = new("bootstrap", "Bootstrap:StarterPackages");
}
