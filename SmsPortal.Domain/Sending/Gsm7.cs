using System.Collections.Frozen;
using System.Text;

namespace SmsPortal.Domain.Sending;

/// <summary>
/// The GSM 03.38 (3GPP TS 23.038 §6.2.1) default alphabet and its extension table: the one table that segment
/// counting, the SMPP channel and server, and the modems' PDUs all use. Septets are held one per byte
/// ("unpacked"); <see cref="Pack"/> and <see cref="Unpack(ReadOnlySpan{byte}, int)"/> put eight into seven octets.
/// </summary>
public static class Gsm7
{
    /// <summary>The escape to the extension table: an extension character costs it plus its own septet.</summary>
    public const byte Escape = 0x1B;

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    // Extension table: character → septet that follows the escape.
    private static readonly FrozenDictionary<char, byte> ExtensionEncode = new Dictionary<char, byte>
    {
        ['\f'] = 0x0A, ['^'] = 0x14, ['{'] = 0x28, ['}'] = 0x29, ['\\'] = 0x2F,
        ['['] = 0x3C, ['~'] = 0x3D, [']'] = 0x3E, ['|'] = 0x40, ['€'] = 0x65,
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<char, byte> BasicEncode = Basic
        .Select((c, i) => (Character: c, Septet: (byte)i))
        .Where(p => p.Septet != Escape)
        .ToFrozenDictionary(p => p.Character, p => p.Septet);

    private static readonly FrozenDictionary<byte, char> ExtensionDecode = ExtensionEncode.ToFrozenDictionary(p => p.Value, p => p.Key);

    /// <summary>Septets a character takes (1, 2 for the extension table), or 0 when the alphabet lacks it.</summary>
    public static int SeptetsOf(char c) => BasicEncode.ContainsKey(c) ? 1 : ExtensionEncode.ContainsKey(c) ? 2 : 0;

    /// <summary>True when every character is in the basic set or the extension table.</summary>
    public static bool CanEncode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (SeptetsOf(c) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Unpacked septets (escape + value for extension characters); null when a character is not in the alphabet.</summary>
    public static byte[]? Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var septets = new List<byte>(text.Length);
        foreach (var c in text)
        {
            if (BasicEncode.TryGetValue(c, out var septet))
            {
                septets.Add(septet);
            }
            else if (ExtensionEncode.TryGetValue(c, out var extended))
            {
                septets.Add(Escape);
                septets.Add(extended);
            }
            else
            {
                return null;
            }
        }

        return [.. septets];
    }

    /// <summary>
    /// Text from unpacked septets. An escape before an unknown extension value reads as the basic character (as
    /// 23.038 §6.2.1.1 asks); a lone escape at the end as a space; a byte above 0x7F (not a septet at all) as '?'.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> septets)
    {
        var text = new StringBuilder(septets.Length);
        for (var i = 0; i < septets.Length; i++)
        {
            var s = septets[i];
            if (s == Escape && i + 1 < septets.Length)
            {
                var next = septets[++i];
                text.Append(ExtensionDecode.TryGetValue(next, out var c) ? c : next < 0x80 ? Basic[next] : '?');
            }
            else if (s == Escape)
            {
                text.Append(' ');
            }
            else
            {
                text.Append(s < 0x80 ? Basic[s] : '?');
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Packs septets into octets, starting after <paramref name="fillBits"/> zero bits (the alignment after a UDH).
    /// With <paramref name="carriageReturnFill"/>, when the last octet has 7 spare bits a CR fills them (23.038
    /// §6.1.2.3.1) so a receiver that counts octets does not read an '@'; an SMS PDU, whose length is in septets,
    /// leaves them zero.
    /// </summary>
    public static byte[] Pack(ReadOnlySpan<byte> septets, int fillBits = 0, bool carriageReturnFill = true)
    {
        var bits = fillBits + (septets.Length * 7);
        var octets = new byte[(bits + 7) / 8];
        var position = fillBits;
        foreach (var septet in septets)
        {
            WriteSeptet(octets, position, septet);
            position += 7;
        }

        if (carriageReturnFill && (octets.Length * 8) - position == 7)
        {
            WriteSeptet(octets, position, 0x0D);
        }

        return octets;
    }

    /// <summary>
    /// Unpacks every whole septet after <paramref name="fillBits"/>; a final CR that only fills 7 spare bits is dropped,
    /// as is a final '@' in that position (senders that pad with zero bits).
    /// </summary>
    public static byte[] Unpack(ReadOnlySpan<byte> octets, int fillBits = 0)
    {
        var bits = (octets.Length * 8) - fillBits;
        if (bits <= 0)
        {
            return [];
        }

        var septets = Unpack(octets, bits / 7, fillBits);

        // The last septet ends exactly on the octet boundary: it may be the 7 spare bits of the octet before, filled.
        return septets.Length > 0 && bits % 7 == 0 && septets[^1] is 0x0D or 0x00 ? septets[..^1] : septets;
    }

    /// <summary>Unpacks <paramref name="count"/> septets starting <paramref name="fillBits"/> bits into the data; stops early at its end.</summary>
    public static byte[] Unpack(ReadOnlySpan<byte> octets, int count, int fillBits)
    {
        var septets = new List<byte>(count);
        var position = fillBits;
        for (var i = 0; i < count && position / 8 < octets.Length; i++)
        {
            var index = position / 8;
            var shift = position % 8;
            var value = octets[index] >> shift;
            if (shift > 1 && index + 1 < octets.Length)
            {
                value |= octets[index + 1] << (8 - shift);
            }

            septets.Add((byte)(value & 0x7F));
            position += 7;
        }

        return [.. septets];
    }

    private static void WriteSeptet(byte[] octets, int bitPosition, byte septet)
    {
        var index = bitPosition / 8;
        var shift = bitPosition % 8;
        octets[index] |= (byte)((septet & 0x7F) << shift);
        if (shift > 1 && index + 1 < octets.Length)
        {
            octets[index + 1] |= (byte)((septet & 0x7F) >> (8 - shift));
        }
    }
}
