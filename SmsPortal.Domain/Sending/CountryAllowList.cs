namespace SmsPortal.Domain.Sending;

/// <summary>
/// Countries a send may go to, as calling codes ("86", "852"): an account's own list (empty: the platform's) or a Verify
/// service's. Written as customers write them: commas, blanks or semicolons between, a plus sign or not.
/// </summary>
public static class CountryAllowList
{
    /// <summary>Most codes one list holds (every assigned code fits).</summary>
    public const int MaxCodes = 60;

    /// <summary>"86, +852" → ["86", "852"]: without plus signs or blanks, once each.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        (text ?? "").Split([',', ' ', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.TrimStart('+'))
            .Where(c => c.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public static string Join(IEnumerable<string> codes) => string.Join(',', codes);

    /// <summary>The first code that is no assigned country calling code; null when every one is.</summary>
    public static string? FirstUnknown(IEnumerable<string> codes) =>
        codes.FirstOrDefault(c => c.Length == 0 || !c.All(char.IsAsciiDigit) || !CountryCallingCodes.IsAssigned(c));
}
