using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Sending.Countries;

/// <summary>
/// Section "Countries": the platform's rules per destination country. <see cref="SignatureBrackets"/> names the calling
/// codes whose carriers require the Chinese 【signature】 in front of every message: for those the platform requires it
/// (and adds the account's default when a text has none); elsewhere a text goes as written, with no brackets added.
/// </summary>
public sealed class CountryRulesOptions
{
    public const string Section = "Countries";

    /// <summary>Calling codes, comma-separated ("86, 853"). The mainland (86) must be one of them; the default is the mainland only.</summary>
    public string SignatureBrackets { get; set; } = CountryCallingCodes.Mainland;

    /// <summary><see cref="SignatureBrackets"/> as codes.</summary>
    public IReadOnlyList<string> BracketCountries => CountryAllowList.Split(SignatureBrackets);

    public IEnumerable<string> Problems()
    {
        var codes = BracketCountries;
        if (CountryAllowList.FirstUnknown(codes) is { } unknown)
        {
            yield return $"Countries:SignatureBrackets: '{unknown}' is not a country calling code.";
        }

        if (!codes.Contains(CountryCallingCodes.Mainland))
        {
            yield return "Countries:SignatureBrackets must name 86: mainland carriers require the 【signature】.";
        }
    }
}
