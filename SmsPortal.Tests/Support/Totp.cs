using System.Security.Cryptography;

namespace SmsPortal.Tests.Support;

/// <summary>What an authenticator app computes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits).</summary>
public static class Totp
{
    public static string Code(string base32Key, DateTimeOffset at)
    {
        var key = Base32(base32Key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        var counter = at.ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(message);
        }

        var hash = HMACSHA1.HashData(key, message);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var bytes = new List<byte>();
        foreach (var c in text.TrimEnd('='))
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
