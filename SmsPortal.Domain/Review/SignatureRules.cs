using System.Text;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Domain.Review;

/// <summary>A final text taken apart: the signature it carried in front (null when none) and the body after it.</summary>
public sealed record SignedText(string? Signature, string Body);

/// <summary>
/// What a signature may look like, and how it sits in a text. The platform writes the brackets, so a signature
/// holds none itself.
/// </summary>
public static class SignatureRules
{
    public const int MinLength = 2;
    public const int MaxLength = 30;
    public const char Open = '【';
    public const char Close = '】';

    /// <summary>
    /// 2 to 30 characters (code points) of letters of any script (CJK included) and digits. A single space may
    /// separate two words ("Acme Cloud"); no space at either end and no two together. Anything else (brackets of any
    /// kind, punctuation such as · &amp; - _ ., symbols, emoji) is 4070: the vendor asks for a plain company, app or
    /// site name.
    /// </summary>
    public static Rejection? Check(string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return ResultCode.BadSignatureFormat;
        }

        var length = Characters.Count(signature);
        if (length is < MinLength or > MaxLength)
        {
            return new Rejection(ResultCode.BadSignatureFormat, Detail: $"length {length}");
        }

        var previousWasSpace = true;
        foreach (var rune in signature.EnumerateRunes())
        {
            if (rune.Value == ' ')
            {
                if (previousWasSpace)
                {
                    return new Rejection(ResultCode.BadSignatureFormat, Detail: "space");
                }

                previousWasSpace = true;
                continue;
            }

            if (!Rune.IsLetter(rune) && !Rune.IsDigit(rune))
            {
                return new Rejection(ResultCode.BadSignatureFormat, Detail: rune.ToString());
            }

            previousWasSpace = false;
        }

        return previousWasSpace ? new Rejection(ResultCode.BadSignatureFormat, Detail: "space") : null;
    }

    /// <summary>
    /// Takes a leading 【signature】 off a text, as customers' content sometimes carries the signature although the
    /// vendor adds it. Only a text that starts with 【 and closes it before any other 【 has one; what is inside is
    /// returned as it is (it may still fail <see cref="Check"/>).
    /// </summary>
    public static SignedText Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || text[0] != Open)
        {
            return new SignedText(null, text);
        }

        var close = text.IndexOf(Close, 1);
        if (close < 0 || text.IndexOf(Open, 1, close - 1) >= 0)
        {
            return new SignedText(null, text);
        }

        return new SignedText(text[1..close], text[(close + 1)..]);
    }

    /// <summary>The text as sent and counted: 【signature】 in front of the body.</summary>
    public static string Compose(string signature, string body) => Open + signature + Close + body;
}
