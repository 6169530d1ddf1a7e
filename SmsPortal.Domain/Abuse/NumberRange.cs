using SmsPortal.Domain.Sending;

namespace SmsPortal.Domain.Abuse;

/// <summary>
/// A number range as SMS pumping uses it: a number in E.164 without its last digits (+86 139 1234 5678 with 4 hidden is
/// the range +861391234, the 10 000 numbers +861391234xxxx). Ranges are compared as prefixes, so a block made with one
/// width still holds after the setting changes.
/// </summary>
public static class NumberRange
{
    public const int MinHiddenDigits = 2;
    public const int MaxHiddenDigits = 6;

    public static string Of(MobileNumber number, int hiddenDigits)
    {
        ArgumentNullException.ThrowIfNull(number);
        var e164 = number.E164;
        return e164[..Math.Max(e164.Length - hiddenDigits, 4)];
    }

    public static bool Contains(string range, MobileNumber number)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(number);
        return number.E164.StartsWith(range, StringComparison.Ordinal);
    }

    /// <summary>How people read a range: the prefix and an x for every hidden digit (+861391234xxxx).</summary>
    public static string Display(string range, int hiddenDigits) => range + new string('x', hiddenDigits);
}
