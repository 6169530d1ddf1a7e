namespace SmsPortal.Domain.Sending;

public enum SmsEncoding
{
    /// <summary>The GSM 03.38 default alphabet, 7 bits a character.</summary>
    Gsm7 = 0,

    /// <summary>UCS-2 (UTF-16 on the wire), 16 bits a unit.</summary>
    Ucs2 = 1,
}

/// <param name="Units">
/// Septets for GSM-7 (an extension-table character such as € or { takes two), UTF-16 units for UCS-2 (a character
/// outside the BMP, an emoji or 𠮷, takes two).
/// </param>
/// <param name="Parts">How many SMS the text is sent and billed as.</param>
public sealed record SegmentCount(SmsEncoding Encoding, int Units, int Parts);

/// <summary>
/// Splits a final text (【signature】 + body: the signature counts) into SMS parts the way handsets and SMSCs do.
/// A text that fits one SMS takes 160 GSM-7 septets or 70 UCS-2 units; a longer one is sent as concatenated parts
/// whose user-data header leaves 153 septets or 67 units each. A part never ends between the two halves of an
/// escape sequence or of a surrogate pair, so such a part carries one unit less (what SMSCs do, and what the
/// count must follow to match the bill). Chinese text is UCS-2: "every character counts one" against 70 / 67.
/// As 【 and 】 are not GSM-7, a text carrying the vendor's signature is always UCS-2.
/// </summary>
public static class SegmentCounter
{
    public const int Gsm7SingleLimit = 160;
    public const int Gsm7PartLimit = 153;
    public const int Ucs2SingleLimit = 70;
    public const int Ucs2PartLimit = 67;

    public static SegmentCount Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsGsm7(text) ? CountGsm7(text) : CountUcs2(text);
    }

    /// <summary>True when every character is in the GSM 03.38 basic set or its extension table.</summary>
    public static bool IsGsm7(string text) => Gsm7.CanEncode(text);

    private static SegmentCount CountGsm7(string text)
    {
        var units = 0;
        foreach (var c in text)
        {
            units += Gsm7.SeptetsOf(c);
        }

        if (units <= Gsm7SingleLimit)
        {
            return new SegmentCount(SmsEncoding.Gsm7, units, units == 0 ? 0 : 1);
        }

        return new SegmentCount(SmsEncoding.Gsm7, units, Pack(text, Gsm7PartLimit, Gsm7.SeptetsOf, isLeadOfPair: null));
    }

    private static SegmentCount CountUcs2(string text)
    {
        var units = text.Length;
        if (units <= Ucs2SingleLimit)
        {
            return new SegmentCount(SmsEncoding.Ucs2, units, units == 0 ? 0 : 1);
        }

        return new SegmentCount(SmsEncoding.Ucs2, units, Pack(text, Ucs2PartLimit, _ => 1, char.IsHighSurrogate));
    }

    /// <summary>Greedy packing into parts of <paramref name="partLimit"/> units, never splitting an indivisible unit.</summary>
    private static int Pack(string text, int partLimit, Func<char, int> cost, Func<char, bool>? isLeadOfPair)
    {
        var parts = 1;
        var used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var size = cost(text[i]);
            if (isLeadOfPair is not null && isLeadOfPair(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                size = 2;
                i++;
            }

            if (used + size > partLimit)
            {
                parts++;
                used = 0;
            }

            used += size;
        }

        return parts;
    }
}
