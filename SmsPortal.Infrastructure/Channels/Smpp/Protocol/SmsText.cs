using System.Text;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>
/// Text ↔ octets for SMS: the coding a text needs, splitting into parts (GSM-7: 160 septets alone, 153 per part
/// with an 8-bit reference, 152 with 16-bit; Latin-1: 140/134/133 octets; UCS-2: 70/67/66 characters), never
/// splitting an extension character's escape or a surrogate pair; and decoding what arrives.
/// </summary>
public static class SmsText
{
    public const int MaxParts = 255;

    /// <summary>The data_coding a text goes out in under a preference.</summary>
    public static byte ChooseCoding(string text, SmsCodingPreference preference) => preference switch
    {
        SmsCodingPreference.Auto when Gsm7.CanEncode(text) => DataCoding.Default,
        SmsCodingPreference.Latin1 when IsLatin1(text) => DataCoding.Latin1,
        _ => DataCoding.Ucs2,
    };

    private static bool IsLatin1(string text)
    {
        foreach (var c in text)
        {
            if (c > '\u00FF')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The alphabet of a data_coding, including the message-class and general coding groups.</summary>
    public static SmsAlphabet AlphabetOf(byte dataCoding) => dataCoding switch
    {
        DataCoding.Default => SmsAlphabet.Gsm7,
        DataCoding.Ia5 => SmsAlphabet.Ascii,
        DataCoding.Latin1 => SmsAlphabet.Latin1,
        DataCoding.Ucs2 => SmsAlphabet.Ucs2,
        DataCoding.Binary or DataCoding.Binary2 => SmsAlphabet.Binary,
        >= 0xF0 => (dataCoding & 0x04) != 0 ? SmsAlphabet.Binary : SmsAlphabet.Gsm7,
        >= 0x10 and < 0x40 => ((dataCoding >> 2) & 0x03) switch { 0 => SmsAlphabet.Gsm7, 2 => SmsAlphabet.Ucs2, _ => SmsAlphabet.Binary },
        _ => SmsAlphabet.Latin1,
    };

    /// <summary>The parts a text is sent as (one part when it fits). Throws <see cref="ArgumentException"/> beyond 255 parts.</summary>
    /// <param name="reference">The concatenation reference (kept to 8 bits unless 16-bit references are configured).</param>
    public static IReadOnlyList<SmsPart> Split(string text, SmsEncodingOptions options, int reference)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        var coding = ChooseCoding(text, options.Coding);
        var units = Units(text, coding);
        var total = units.Sum(u => u.Length);
        var gsm = coding == DataCoding.Default;
        // Capacities in septets (GSM-7) or octets.
        var single = gsm ? 160 : 140;
        if (total <= single)
        {
            return [Single(units, coding, options.Gsm7Packed)];
        }
        if (options.LongMessages == SmsLongMessageMode.Payload)
        {
            return [new SmsPart(coding, 0, [], null, Encode(units, gsm && options.Gsm7Packed, 0))];
        }

        var sixteen = options.LongMessages == SmsLongMessageMode.Udh && options.SixteenBitReference;
        var udhLength = sixteen ? 7 : 6;
        var perPart = gsm ? (140 * 8 - udhLength * 8) / 7 : 140 - udhLength;
        var chunks = Chunk(units, perPart);
        if (chunks.Count > MaxParts)
        {
            throw new ArgumentException($"The text needs {chunks.Count} parts; at most {MaxParts} can be joined.", nameof(text));
        }
        var parts = new List<SmsPart>(chunks.Count);
        var reference16 = reference & 0xFFFF;
        var reference8 = reference & 0xFF;
        for (var i = 0; i < chunks.Count; i++)
        {
            if (options.LongMessages == SmsLongMessageMode.Sar)
            {
                parts.Add(new SmsPart(coding, 0, Encode(chunks[i], gsm && options.Gsm7Packed, 0),
                    new SmsConcatenation(reference16, chunks.Count, i + 1), null));
                continue;
            }
            byte[] udh = sixteen
                ? [6, 0x08, 4, (byte)(reference16 >> 8), (byte)reference16, (byte)chunks.Count, (byte)(i + 1)]
                : [5, 0x00, 3, (byte)reference8, (byte)chunks.Count, (byte)(i + 1)];
            var fill = (7 - udh.Length * 8 % 7) % 7;
            var body = Encode(chunks[i], gsm && options.Gsm7Packed, fill);
            parts.Add(new SmsPart(coding, ShortMessagePdu.EsmUdhIndicator, [.. udh, .. body], null, null));
        }
        return parts;
    }

    private static SmsPart Single(List<byte[]> units, byte coding, bool packed) =>
        new(coding, 0, Encode(units, coding == DataCoding.Default && packed, 0), null, null);

    // A unit is what must stay in one part: a character (with its escape), or a surrogate pair.
    private static List<byte[]> Units(string text, byte coding)
    {
        var units = new List<byte[]>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (coding == DataCoding.Default)
            {
                units.Add(Gsm7.Encode(text[i].ToString())!);
            }
            else if (coding == DataCoding.Latin1)
            {
                units.Add([(byte)text[i]]);
            }
            else
            {
                var length = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                units.Add(Encoding.BigEndianUnicode.GetBytes(text.ToCharArray(i, length)));
                i += length - 1;
            }
        }
        return units;
    }

    private static List<List<byte[]>> Chunk(List<byte[]> units, int capacity)
    {
        var chunks = new List<List<byte[]>>();
        var current = new List<byte[]>();
        var used = 0;
        foreach (var unit in units)
        {
            if (used + unit.Length > capacity)
            {
                chunks.Add(current);
                current = [];
                used = 0;
            }
            current.Add(unit);
            used += unit.Length;
        }
        chunks.Add(current);
        return chunks;
    }

    private static byte[] Encode(List<byte[]> units, bool pack, int fillBits)
    {
        var octets = units.SelectMany(u => u).ToArray();
        return pack ? Gsm7.Pack(octets, fillBits) : octets;
    }

    /// <summary>
    /// Text from octets in a data_coding. GSM-7 may be packed (after <paramref name="fillBits"/>) or one septet per
    /// octet; UCS-2 with an odd length drops the last octet; binary reads as hex.
    /// </summary>
    public static string Decode(byte dataCoding, ReadOnlySpan<byte> octets, bool gsm7Packed = false, int fillBits = 0) =>
        AlphabetOf(dataCoding) switch
        {
            SmsAlphabet.Gsm7 => Gsm7.Decode(gsm7Packed ? Gsm7.Unpack(octets, fillBits) : octets),
            SmsAlphabet.Ascii => Encoding.ASCII.GetString(octets),
            SmsAlphabet.Latin1 => Encoding.Latin1.GetString(octets),
            SmsAlphabet.Ucs2 => Encoding.BigEndianUnicode.GetString(octets[..(octets.Length & ~1)]),
            _ => Convert.ToHexString(octets),
        };
}
