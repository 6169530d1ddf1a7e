using SmsPortal.Domain.Sending;

namespace SmsPortal.Domain.Channels;

/// <summary>
/// A route's number prefix, in the form numbers are stored: a mainland prefix is digits starting with 1 ("139",
/// "1390"); a prefix abroad is a country code, one space and the start of the national number ("852 ", "852 9"); "+"
/// alone is every number abroad. A route without a prefix, or with a mainland one, carries mainland numbers only: a
/// number abroad goes only through a route that names its country (or "+"), so never to a mainland-only channel.
/// </summary>
public static class RoutePrefix
{
    /// <summary>The prefix of every number abroad.</summary>
    public const string Abroad = "+";

    /// <summary>
    /// "139", "852 ", "+852 9", "+852", "8529", "+1", "+" → the stored prefix ("852 9" and so on); null when empty. A text
    /// with a + or a space names a country code; digits without either are a mainland prefix when they start with 1 and
    /// otherwise start with a country code. Not valid: anything but digits, the mainland's own 86 as a country, an
    /// unknown code, more than 15 digits.
    /// </summary>
    public static (string Value, bool Valid)? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed == Abroad)
        {
            return (Abroad, true);
        }

        var plus = trimmed[0] == '+';
        var digits = plus ? trimmed[1..].TrimStart() : trimmed;
        var space = digits.IndexOf(' ', StringComparison.Ordinal);
        if (!plus && space < 0 && digits.Length > 0 && digits[0] == '1')
        {
            return (digits, digits.Length <= 15 && digits.All(char.IsAsciiDigit));
        }

        var code = space >= 0 ? digits[..space] : CountryCallingCodes.PrefixOf(digits) ?? digits;
        var rest = space >= 0 ? digits[(space + 1)..].Trim() : digits[code.Length..];
        var valid = code.Length > 0 && code.All(char.IsAsciiDigit) && CountryCallingCodes.IsAssigned(code) && code != CountryCallingCodes.Mainland
            && rest.Length <= 14 && rest.All(char.IsAsciiDigit);
        return (code + " " + rest, valid);
    }

    /// <summary>Whether a stored prefix (<see cref="Normalise"/>d) names numbers abroad.</summary>
    public static bool IsAbroad(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return prefix == Abroad || prefix.Contains(' ', StringComparison.Ordinal) || (prefix.Length > 0 && prefix[0] != '1');
    }

    /// <summary>Whether a stored number ("13800138000" or "852 91234567") is abroad.</summary>
    public static bool IsAbroadNumber(string mobile)
    {
        ArgumentNullException.ThrowIfNull(mobile);
        return mobile.Contains(' ', StringComparison.Ordinal);
    }

    /// <summary>Whether a number falls under a prefix: an empty one takes the mainland's, "+" every one abroad, another those that start with it on the same side.</summary>
    public static bool Takes(string? prefix, string mobile)
    {
        ArgumentNullException.ThrowIfNull(mobile);
        var abroad = IsAbroadNumber(mobile);
        if (string.IsNullOrEmpty(prefix))
        {
            return !abroad;
        }

        return prefix == Abroad ? abroad : IsAbroad(prefix) == abroad && mobile.StartsWith(prefix, StringComparison.Ordinal);
    }
}
