using System.Text;

namespace SmsPortal.Infrastructure.Channels.Modem;

/// <summary>The GSM 03.38 default alphabet with its extension table (3GPP 23.038 §6.2.1), and 7-bit packing.</summary>
internal static class GsmAlphabet
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    public const byte Escape = 0x1B;

    private static readonly Dictionary<byte, char> Extension = new()
    {
        [0x0A] = '\f', [0x14] = '^', [0x28] = '{', [0x29] = '}', [0x2F] = '\\',
        [0x3C] = '[', [0x3D] = '~', [0x3E] = ']', [0x40] = '|', [0x65] = '€',
    };

    private static readonly Dictionary<char, byte> BasicCodes = Basic.Select((c, i) => (c, i)).Where(p => p.i != Escape).ToDictionary(p => p.c, p => (byte)p.i);
    private static readonly Dictionary<char, byte> ExtensionCodes = Extension.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>The septets of the text, extension characters as escape + code; null when a character is not in the alphabet.</summary>
    public static byte[]? ToSeptets(string text)
    {
        var septets = new List<byte>(text.Length);
        foreach (var c in text)
        {
            if (BasicCodes.TryGetValue(c, out var code))
            {
                septets.Add(code);
            }
            else if (ExtensionCodes.TryGetValue(c, out var extended))
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

    public static string FromSeptets(ReadOnlySpan<byte> septets)
    {
        var text = new StringBuilder(septets.Length);
        for (var i = 0; i < septets.Length; i++)
        {
            var s = (byte)(septets[i] & 0x7F);
            if (s == Escape && i + 1 < septets.Length)
            {
                i++;
                // An unknown extension code shows as a space, as 23.038 asks.
                text.Append(Extension.TryGetValue((byte)(septets[i] & 0x7F), out var c) ? c : ' ');
            }
            else if (s != Escape)
            {
                text.Append(Basic[s]);
            }
        }

        return text.ToString();
    }

    /// <summary>Packs septets into octets, after <paramref name="fillBits"/> zero bits (the padding that aligns text after a UDH).</summary>
    public static byte[] Pack(ReadOnlySpan<byte> septets, int fillBits = 0)
    {
        var output = new byte[(fillBits + (septets.Length * 7) + 7) / 8];
        var bit = fillBits;
        foreach (var septet in septets)
        {
            var value = (septet & 0x7F) << (bit % 8);
            output[bit / 8] |= (byte)value;
            if ((bit % 8) > 1)
            {
                output[(bit / 8) + 1] |= (byte)(value >> 8);
            }

            bit += 7;
        }

        return output;
    }

    /// <summary>Unpacks <paramref name="count"/> septets starting <paramref name="fillBits"/> bits into the data; stops early at its end.</summary>
    public static byte[] Unpack(ReadOnlySpan<byte> data, int count, int fillBits = 0)
    {
        var septets = new List<byte>(count);
        var bit = fillBits;
        for (var i = 0; i < count && bit / 8 < data.Length; i++)
        {
            var index = bit / 8;
            var shift = bit % 8;
            var value = data[index] >> shift;
            if (shift > 1 && index + 1 < data.Length)
            {
                value |= data[index + 1] << (8 - shift);
            }

            septets.Add((byte)(value & 0x7F));
            bit += 7;
        }

        return [.. septets];
    }
}
