using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Domain.Accounts;

/// <summary>What a customer asks to store in the console's settings, as typed (addresses already split).</summary>
public sealed record AccountSettingsChange(
    string? ReceiptPushUrl,
    string? ReplyPushUrl,
    string? ReviewPushUrl,
    IReadOnlyList<string> AllowedIps,
    bool MaskRecords,
    AccountLimits Limits);

public enum SettingsProblemKind
{
    /// <summary>Not an absolute http:// or https:// address with a host.</summary>
    NotHttpUrl = 0,

    UrlTooLong = 1,

    /// <summary>Not a plain IPv4 (four numbers 0–255) or IPv6 address.</summary>
    NotIpAddress = 2,

    TooManyAddresses = 3,

    /// <summary>A limit of zero or less: it would stop every send (the account has Freeze for that).</summary>
    LimitBelowOne = 4,

    /// <summary>A limit above the platform's: an account may tighten the platform's limits, never loosen them.</summary>
    LimitLooser = 5,

    /// <summary>A push URL whose host is, or resolves to, an address inside the network (loopback, private, link-local, ...).</summary>
    InternalAddress = 6,

    /// <summary>A push URL on a port below 1024 other than 80 and 443.</summary>
    PortNotAllowed = 7,
}

/// <param name="Field">The setting (the property name of <see cref="AccountSettingsChange"/> or <see cref="AccountLimits"/>).</param>
/// <param name="Value">What was typed, for the message.</param>
/// <param name="PlatformLimit">The platform's value the limit was compared with.</param>
public sealed record SettingsProblem(string Field, SettingsProblemKind Kind, string? Value = null, int? PlatformLimit = null);

/// <summary>
/// The rules of an account's own settings: push URLs, IP binding and its tighter limits. A change with any
/// problem is refused whole, so a half-valid form never stores its valid half.
/// </summary>
public static class AccountSettingsRules
{
    public const int MaxUrlLength = 500;
    public const int MaxAddresses = 20;

    private static readonly char[] AddressSeparators = [',', ';', ' ', '\n', '\r', '\t', '，', '；'];

    /// <summary>The problems of <paramref name="change"/> against the platform's limits; empty when it may be stored.</summary>
    public static IReadOnlyList<SettingsProblem> Check(AccountSettingsChange change, SendLimits platform)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(platform);
        var problems = new List<SettingsProblem>();
        CheckUrl(nameof(change.ReceiptPushUrl), change.ReceiptPushUrl, problems);
        CheckUrl(nameof(change.ReplyPushUrl), change.ReplyPushUrl, problems);
        CheckUrl(nameof(change.ReviewPushUrl), change.ReviewPushUrl, problems);

        foreach (var address in change.AllowedIps.Where(a => !string.IsNullOrWhiteSpace(a)))
        {
            if (NormalizeAddress(address) is null)
            {
                problems.Add(new SettingsProblem(nameof(change.AllowedIps), SettingsProblemKind.NotIpAddress, address.Trim()));
            }
        }

        if (NormalizeAddresses(change.AllowedIps).Count > MaxAddresses)
        {
            problems.Add(new SettingsProblem(nameof(change.AllowedIps), SettingsProblemKind.TooManyAddresses, PlatformLimit: MaxAddresses));
        }

        var limits = change.Limits;
        CheckLimit(nameof(AccountLimits.MaxPerNumberPerDay), limits.MaxPerNumberPerDay, platform.MaxPerNumberPerDay, problems);
        CheckLimit(nameof(AccountLimits.MaxVerificationCodesPerNumberPerDay), limits.MaxVerificationCodesPerNumberPerDay, platform.MaxVerificationCodesPerNumberPerDay, problems);
        CheckLimit(nameof(AccountLimits.MaxIdenticalPerNumberPerMinute), limits.MaxIdenticalPerNumberPerMinute, platform.MaxIdenticalPerNumberPerMinute, problems);
        CheckLimit(nameof(AccountLimits.MaxIdenticalPerNumberPerDay), limits.MaxIdenticalPerNumberPerDay, platform.MaxIdenticalPerNumberPerDay, problems);
        CheckLimit(nameof(AccountLimits.MaxPerAccountPerDay), limits.MaxPerAccountPerDay, platform.MaxPerAccountPerDay, problems);
        return problems;
    }

    /// <summary>A push URL as stored: trimmed, null when empty.</summary>
    public static string? NormalizeUrl(string? url) => string.IsNullOrWhiteSpace(url) ? null : url.Trim();

    public static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host)
        && !url.Any(char.IsWhiteSpace);

    /// <summary>Splits a typed list of addresses at commas, semicolons, spaces and line breaks.</summary>
    public static IReadOnlyList<string> SplitAddresses(string? text) =>
        (text ?? "").Split(AddressSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// The address in the form callers are compared in (IPAddress.ToString, an IPv4-mapped IPv6 address as IPv4, as
    /// the API reads the caller's), or null. IPv4 must be four decimal numbers: IPAddress.TryParse alone would take
    /// "10.1" or "0x7f.1" and store an address nobody meant.
    /// </summary>
    public static string? NormalizeAddress(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || !IPAddress.TryParse(trimmed, out var address))
        {
            return null;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var parts = trimmed.Split('.');
            if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || int.Parse(p, CultureInfo.InvariantCulture) > 255))
            {
                return null;
            }
        }
        else if (address.AddressFamily != AddressFamily.InterNetworkV6 || !trimmed.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }

        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    /// <summary>The valid addresses, normalised, without duplicates, in the order typed.</summary>
    public static IReadOnlyList<string> NormalizeAddresses(IEnumerable<string> addresses) =>
        addresses.Select(NormalizeAddress).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static void CheckUrl(string field, string? url, List<SettingsProblem> problems)
    {
        if (NormalizeUrl(url) is not { } trimmed)
        {
            return;
        }

        if (trimmed.Length > MaxUrlLength)
        {
            problems.Add(new SettingsProblem(field, SettingsProblemKind.UrlTooLong, PlatformLimit: MaxUrlLength));
        }
        else if (!IsHttpUrl(trimmed))
        {
            problems.Add(new SettingsProblem(field, SettingsProblemKind.NotHttpUrl, trimmed));
        }
    }

    private static void CheckLimit(string field, int? own, int? platform, List<SettingsProblem> problems)
    {
        if (own is not int value)
        {
            return;
        }

        if (value < 1)
        {
            problems.Add(new SettingsProblem(field, SettingsProblemKind.LimitBelowOne, value.ToString(CultureInfo.InvariantCulture), platform));
        }
        else if (platform is int cap && value > cap)
        {
            problems.Add(new SettingsProblem(field, SettingsProblemKind.LimitLooser, value.ToString(CultureInfo.InvariantCulture), cap));
        }
    }
}
