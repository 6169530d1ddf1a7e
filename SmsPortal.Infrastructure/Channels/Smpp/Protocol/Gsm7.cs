namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>
/// The GSM 03.38 (3GPP TS 23.038) default alphabet and its extension table, as septet values (one per byte,
/// "unpacked") and packed eight septets into seven octets.
/// </summary>
public static class Gsm7
{
    public const byte Escape = 0x1B;

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    // Extension table: character → septet that follows the escape.
    private static readonly Dictionary<char, byte> ExtensionEncode = new()
    {
        ['\f'] = 0x0A, ['^'] = 0x14, ['{'] = 0x28, ['}'] = 0x29, ['\\'] = 0x2F,
        ['['] = 0x3C, ['~'] = 0x3D, [']'] = 0x3E, ['|'] = 0x40, ['€'] = 0x65,
    };

    private static readonly Dictionary<char, byte> BasicEncode = BuildBasic();
    private static readonly Dictionary<byte, char> ExtensionDecode = ExtensionEncode.ToDictionary(p => p.Value, p => p.Key);

    private static Dictionary<char, byte> BuildBasic()
    {
        var map = new Dictionary<char, byte>();
        for (var i = 0; i < Basic.Length; i++)
        {
            if (i != Escape)
            {
                map[Basic[i]] = (byte)i;
            }
        }
        return map;
    }

    /// <summary>Septets a character takes (1, 2 for the extension table), or 0 when the alphabet lacks it.</summary>
    public static int SeptetsOf(char c) => BasicEncode.ContainsKey(c) ? 1 : ExtensionEncode.ContainsKey(c) ? 2 : 0;

    public static bool CanEncode(string text)
    {
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
    /// Text from unpacked septets. An escape before an unknown extension value reads as the basic character (as the
    /// spec asks); a septet above 0x7F (not a septet at all) reads as '?'.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> septets)
    {
        var text = new System.Text.StringBuilder(septets.Length);
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
    /// When the last octet has 7 spare bits a CR fills them (23.038 §6.1.2.3.1) so the receiver does not read an '@'.
    /// </summary>
    public static byte[] Pack(ReadOnlySpan<byte> septets, int fillBits = 0)
    {
        var bits = fillBits + septets.Length * 7;
        var octets = new byte[(bits + 7) / 8];
        var position = fillBits;
        foreach (var septet in septets)
        {
            WriteSeptet(octets, position, septet);
            position += 7;
        }
        if (octets.Length * 8 - position == 7)
        {
            WriteSeptet(octets, position, 0x0D);
        }
        return octets;
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

    /// <summary>
    /// Unpacks every whole septet after <paramref name="fillBits"/>; a final CR that only fills 7 spare bits is dropped,
    /// as is a final '@' in that position (senders that pad with zero bits).
    /// </summary>
    public static byte[] Unpack(ReadOnlySpan<byte> octets, int fillBits = 0)
    {
        var bits = octets.Length * 8 - fillBits;
        if (bits <= 0)
        {
            return [];
        }
        var count = bits / 7;
        var septets = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var position = fillBits + i * 7;
            var index = position / 8;
            var shift = position % 8;
            var value = octets[index] >> shift;
            if (shift > 1 && index + 1 < octets.Length)
            {
                value |= octets[index + 1] << (8 - shift);
            }
            septets[i] = (byte)(value & 0x7F);
        }
        // The last septet ends exactly on the octet boundary: it may be the 7 spare bits of the octet before, filled.
        if (count > 0 && bits % 7 == 0 && septets[^1] is 0x0D or 0x00)
        {
            return septets[..^1];
        }
        return septets;
    }
}
