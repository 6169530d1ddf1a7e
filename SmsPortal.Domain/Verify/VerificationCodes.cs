using System.Security.Cryptography;
using System.Text;

namespace SmsPortal.Domain.Verify;

/// <summary>
/// How codes are made and checked. A code is HMAC-SHA256(code key, seed) read as a stream of bytes and mapped onto the
/// alphabet by rejection sampling (a byte at or above the largest multiple of the alphabet's size is skipped), so every
/// character is uniform; the seed comes from <see cref="RandomNumberGenerator"/>. A check hashes what the user typed
/// under a second key and compares the hashes in constant time.
/// </summary>
public static class VerificationCodes
{
    public const int SeedBytes = 32;

    private const string DigitChars = "0123456789";
    private const string LetterChars = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string MixedChars = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static string CharactersOf(CodeAlphabet alphabet) => alphabet switch
    {
        CodeAlphabet.Digits => DigitChars,
        CodeAlphabet.Letters => LetterChars,
        CodeAlphabet.Mixed => MixedChars,
        _ => throw new ArgumentOutOfRangeException(nameof(alphabet)),
    };

    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(SeedBytes);

    /// <summary>"VE…"/"VA…": a prefix and 32 random hex digits.</summary>
    public static string NewSid(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The code a seed stands for under <paramref name="codeKey"/>.</summary>
    public static string Derive(byte[] codeKey, byte[] seed, int length, CodeAlphabet alphabet)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var chars = CharactersOf(alphabet);
        var limit = 256 - (256 % chars.Length);
        var code = new StringBuilder(length);
        Span<byte> block = stackalloc byte[32];
        var input = new byte[seed.Length + 4];
        seed.CopyTo(input, 0);
        for (var counter = 0; code.Length < length; counter++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(input.AsSpan(seed.Length), counter);
            HMACSHA256.HashData(codeKey, input, block);
            foreach (var b in block)
            {
                if (b < limit && code.Length < length)
                {
                    code.Append(chars[b % chars.Length]);
                }
            }
        }

        return code.ToString();
    }

    /// <summary>The stored hash of a code for one verification: HMAC-SHA256(check key, sid ‖ 0 ‖ code as typed, normalised).</summary>
    public static byte[] Hash(byte[] checkKey, string sid, string code, CodeAlphabet alphabet)
    {
        ArgumentNullException.ThrowIfNull(sid);
        var normalised = Normalise(code, alphabet);
        var input = Encoding.UTF8.GetBytes(sid + "\0" + normalised);
        return HMACSHA256.HashData(checkKey, input);
    }

    /// <summary>True when <paramref name="typed"/> is the code behind <paramref name="storedHash"/>; the comparison takes the same time wherever they differ.</summary>
    public static bool Matches(byte[] checkKey, string sid, string typed, CodeAlphabet alphabet, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(checkKey, sid, typed, alphabet), storedHash);

    /// <summary>Blanks and dashes dropped; letters compared without case (codes are sent upper-case).</summary>
    private static string Normalise(string? code, CodeAlphabet alphabet)
    {
        var kept = new StringBuilder(code?.Length ?? 0);
        foreach (var c in code ?? "")
        {
            if (c is not (' ' or '-'))
            {
                kept.Append(alphabet == CodeAlphabet.Digits ? c : char.ToUpperInvariant(c));
            }
        }

        return kept.ToString();
    }
}
