using System.Text.RegularExpressions;

namespace SmsPortal.Domain.Resellers;

/// <summary>The reseller's settings as an admin enters them, before they are stored.</summary>
public sealed record ResellerSettings(
    string? DisplayName,
    string? PrimaryColour,
    string? SecondaryColour,
    string? SupportPhone,
    string? SupportEmail,
    string? DefaultSignature,
    IReadOnlyList<string> Hosts,
    WholesaleUnit WholesaleUnit,
    decimal WholesalePrice,
    int? WholesalePackageSms,
    long TrialCredits);

/// <summary>What a reseller's settings must be: each problem is the key of a text that says what to fix.</summary>
public static partial class ResellerRules
{
    public const int MaxHosts = 10;
    public const long MaxTrialCredits = 10_000;
    public const decimal MaxWholesalePrice = 1_000_000m;

    public static string? Check(ResellerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.DisplayName) || settings.DisplayName.Trim().Length > ResellerBrand.DisplayNameMaxLength)
        {
            return "Error.ResellerDisplayName";
        }

        if (!IsColour(settings.PrimaryColour) || !IsColour(settings.SecondaryColour))
        {
            return "Error.ResellerColour";
        }

        if (settings.SupportPhone is { } phone && (phone.Trim().Length > ResellerBrand.PhoneMaxLength || !PhonePattern().IsMatch(phone.Trim())))
        {
            return "Error.ResellerPhone";
        }

        if (settings.SupportEmail is { } email && (email.Trim().Length > ResellerBrand.EmailMaxLength || !EmailPattern().IsMatch(email.Trim())))
        {
            return "Error.ResellerEmail";
        }

        if (settings.DefaultSignature is { } signature && (signature.Trim().Length is < 2 or > ResellerBrand.SignatureMaxLength || signature.Contains('【', StringComparison.Ordinal) || signature.Contains('】', StringComparison.Ordinal)))
        {
            return "Error.ResellerSignature";
        }

        if (settings.Hosts.Count is 0 or > MaxHosts || settings.Hosts.Any(h => NormaliseHost(h) is null))
        {
            return "Error.ResellerHost";
        }

        if (settings.Hosts.Select(NormaliseHost).Distinct(StringComparer.Ordinal).Count() != settings.Hosts.Count)
        {
            return "Error.ResellerHostTwice";
        }

        if (settings.WholesalePrice is <= 0 or > MaxWholesalePrice || decimal.Round(settings.WholesalePrice, 4) != settings.WholesalePrice)
        {
            return "Error.ResellerPrice";
        }

        if ((settings.WholesaleUnit == WholesaleUnit.PerPackage) != (settings.WholesalePackageSms is not null) || settings.WholesalePackageSms is <= 0 or > 100_000_000)
        {
            return "Error.ResellerPackageSms";
        }

        return settings.TrialCredits is < 0 or > MaxTrialCredits ? "Error.ResellerTrialCredits" : null;
    }

    /// <summary>A host name as stored and compared: trimmed, lower case, no trailing dot; null when it is not a DNS name (ports, paths and addresses included).</summary>
    public static string? NormaliseHost(string? host)
    {
        var name = host?.Trim().TrimEnd('.').ToLowerInvariant();
        return name is { Length: > 0 and <= ResellerHost.NameMaxLength } && HostPattern().IsMatch(name) && !name.All(c => char.IsAsciiDigit(c) || c == '.')
            ? name
            : null;
    }

    private static bool IsColour(string? colour) => colour is not null && ColourPattern().IsMatch(colour);

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColourPattern();

    [GeneratedRegex(@"^[0-9+\-() ]{5,30}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex HostPattern();
}
