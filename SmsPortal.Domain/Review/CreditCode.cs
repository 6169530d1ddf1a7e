namespace SmsPortal.Domain.Review;

/// <summary>What is wrong with a unified social credit code, in the order it is checked.</summary>
public enum CreditCodeProblem
{
    Empty = 0,

    /// <summary>Not 18 characters.</summary>
    Length = 1,

    /// <summary>A character outside 0-9 and the capitals GB 32100 uses (no I, O, S, V, Z), or a letter among the six digits of the administrative division (positions 3 to 8).</summary>
    Character = 2,

    /// <summary>The organisation code in positions 9 to 17 fails its own GB 11714 check character.</summary>
    OrganisationCode = 3,

    /// <summary>The 18th character is not the GB 32100 check character of the first 17.</summary>
    CheckCharacter = 4,
}

/// <summary>
/// The 18-character unified social credit code (统一社会信用代码) printed on a Chinese business licence, GB 32100-2015:
/// registration authority (1), organisation kind (1), administrative division (6 digits), organisation code (9,
/// itself checked per GB 11714), check character (1).
/// </summary>
public static class UnifiedSocialCreditCode
{
    public const int Length = 18;

    /// <summary>GB 32100's 31 characters; a character's value is its index.</summary>
    public const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // 3^i mod 31 for positions 1 to 17.
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private static readonly int[] OrganisationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>As people type it: surrounding and inner spaces dropped, full-width letters and digits made ASCII, upper case.</summary>
    public static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var chars = new List<char>(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            var ascii = c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c;
            chars.Add(char.ToUpperInvariant(ascii));
        }

        return new string([.. chars]);
    }

    /// <summary>Null when <paramref name="code"/> (normalised first) is a well-formed code with both check characters right.</summary>
    public static CreditCodeProblem? Check(string? code)
    {
        var normalised = Normalise(code);
        if (normalised.Length == 0)
        {
            return CreditCodeProblem.Empty;
        }

        if (normalised.Length != Length)
        {
            return CreditCodeProblem.Length;
        }

        for (var i = 0; i < Length; i++)
        {
            var allowed = i is >= 2 and <= 7 ? char.IsAsciiDigit(normalised[i]) : Charset.Contains(normalised[i], StringComparison.Ordinal);
            if (!allowed)
            {
                return CreditCodeProblem.Character;
            }
        }

        if (OrganisationCheckCharacter(normalised.AsSpan(8, 8)) != normalised[16])
        {
            return CreditCodeProblem.OrganisationCode;
        }

        return CheckCharacter(normalised.AsSpan(0, 17)) == normalised[17] ? null : CreditCodeProblem.CheckCharacter;
    }

    public static bool IsValid(string? code) => Check(code) is null;

    /// <summary>GB 32100: 31 − (Σ value × 3^i mod 31) mod 31, where 31 becomes 0, written in <see cref="Charset"/>.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("Needs the first 17 characters.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Charset.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not a GB 32100 character.", nameof(first17));
            }

            sum += value * Weights[i];
        }

        var check = 31 - (sum % 31);
        return Charset[check == 31 ? 0 : check];
    }

    /// <summary>
    /// GB 11714: 11 − (Σ value × weight mod 11), weights 3 7 9 10 5 8 4 2, digits worth themselves and letters
    /// A = 10 to Z = 35 (the whole alphabet, not GB 32100's values); 10 is written X and 11 is written 0.
    /// </summary>
    public static char OrganisationCheckCharacter(ReadOnlySpan<char> body8)
    {
        if (body8.Length != 8)
        {
            throw new ArgumentException("Needs the 8 characters before the organisation code's check character.", nameof(body8));
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = body8[i];
            var value = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => throw new ArgumentException($"'{c}' is not a GB 11714 character.", nameof(body8)),
            };
            sum += value * OrganisationWeights[i];
        }

        return (11 - (sum % 11)) switch
        {
            10 => 'X',
            11 => '0',
            var digit => (char)('0' + digit),
        };
    }
}
