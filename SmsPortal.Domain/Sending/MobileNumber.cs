namespace SmsPortal.Domain.Sending;

/// <summary>
/// A receiving number, normalised. Mainland numbers are kept in the national form the vendor's records show
/// ("13800138000"); others in the vendor's international form, country code, one space, national number
/// ("852 91234567").
/// </summary>
public sealed record MobileNumber
{
    private const string MainlandRegion = "CN";

    private MobileNumber(string countryCode, string nationalNumber, string region)
    {
        CountryCode = countryCode;
        NationalNumber = nationalNumber;
        Region = region;
        (Carrier, IsVirtualOperator) = IsMainland ? CarrierPrefixes.Of(nationalNumber) : (Carrier.Unknown, false);
    }

    public string CountryCode { get; }

    public string NationalNumber { get; }

    public bool IsMainland => CountryCode == CountryCallingCodes.Mainland;

    /// <summary>The ISO 3166 region the number belongs to: "CN" on the mainland, else as libphonenumber places it ("HK", "GB", "US").</summary>
    public string Region { get; }

    public Carrier Carrier { get; }

    /// <summary>True for a mainland segment of a virtual operator (170x, 171, 162, 165, 167).</summary>
    public bool IsVirtualOperator { get; }

    /// <summary>The form stored and shown: "13800138000" or "852 91234567".</summary>
    public string Value => IsMainland ? NationalNumber : CountryCode + " " + NationalNumber;

    /// <summary>"+8613800138000": what upstream channels that speak E.164 want.</summary>
    public string E164 => "+" + CountryCode + NationalNumber;

    /// <summary>
    /// Reads a number as customers write it. Mainland: eleven digits 1[3-9]xxxxxxxxx, optionally after +86, 0086
    /// or 86, with spaces and dashes anywhere (no libphonenumber on this path: it is the hot one). Elsewhere: the
    /// vendor's "852 91234567" (an assigned country code, one space, the national number without its trunk 0),
    /// "+852 9123-4567" or "00852 91234567", spaces and dashes allowed in the number; it must then be a valid mobile
    /// number of its country by libphonenumber (<see cref="InternationalNumbers"/>). The whole number is at most 15
    /// digits (E.164). Empty is 403, anything else that does not fit is 406.
    /// </summary>
    public static Outcome<MobileNumber> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ResultCode.MobileMissing;
        }

        var trimmed = text.Trim();

        // The vendor's international form is checked first so that "1 2025550123" is not read as a mainland
        // number once its space is gone.
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0)
        {
            var code = trimmed[..space].TrimStart('+');
            if (code.StartsWith("00", StringComparison.Ordinal))
            {
                code = code[2..];
            }

            if (code != CountryCallingCodes.Mainland && IsDigits(code) && CountryCallingCodes.IsAssigned(code))
            {
                return International(code, trimmed[(space + 1)..]);
            }
        }

        var digits = StripSeparators(trimmed);
        if (digits is null)
        {
            return ResultCode.BadMobileFormat;
        }

        var national = digits switch
        {
            ['+', '8', '6', .. var rest] => rest,
            ['0', '0', '8', '6', .. var rest] => rest,
            ['8', '6', .. var rest] when rest.Length == 11 => rest,
            ['+', ..] or ['0', '0', ..] => null,
            _ => digits,
        };

        if (national is not null)
        {
            return IsMainlandMobile(national) ? new MobileNumber(CountryCallingCodes.Mainland, national, MainlandRegion) : ResultCode.BadMobileFormat;
        }

        var international = digits[0] == '+' ? digits[1..] : digits[2..];
        var countryCode = CountryCallingCodes.PrefixOf(international);
        return countryCode is null
            ? ResultCode.BadMobileFormat
            : International(countryCode, international[countryCode.Length..]);
    }

    public override string ToString() => Value;

    private static Outcome<MobileNumber> International(string countryCode, string rest)
    {
        var national = StripSeparators(rest);
        if (national is null || !IsDigits(national) || national.Length < 4
            || countryCode.Length + national.Length > 15 || national[0] == '0')
        {
            return ResultCode.BadMobileFormat;
        }

        var checkedNumber = InternationalNumbers.Check(countryCode, national);
        return checkedNumber.IsAccepted
            ? new MobileNumber(countryCode, checkedNumber.Value.National, checkedNumber.Value.Region)
            : checkedNumber.Rejection;
    }

    private static bool IsMainlandMobile(string national) =>
        national.Length == 11 && national[0] == '1' && national[1] is >= '3' and <= '9' && IsDigits(national);

    /// <summary>The text without spaces and dashes, or null when something else than digits is left (a leading + may stay).</summary>
    private static string? StripSeparators(string text)
    {
        var kept = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '+' && kept.Length == 0))
            {
                kept.Append(c);
                continue;
            }

            return null;
        }

        return kept.Length == 0 ? null : kept.ToString();
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}
