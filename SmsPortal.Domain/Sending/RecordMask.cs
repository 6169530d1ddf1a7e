using System.Text;
using SmsPortal.Domain.Review;

namespace SmsPortal.Domain.Sending;

/// <summary>
/// How records look when an account hides sensitive information (the vendor's "masking"): the values filled into a
/// template's variables (codes, names, amounts) are replaced, the fixed text and the signature stay readable.
/// </summary>
public static class RecordMask
{
    public const string Hidden = "****";

    /// <summary>
    /// The text with the variable values of <paramref name="template"/> hidden. A text the template does not fit (a
    /// template since changed, a message sent without one) has every run of four or more digits hidden instead: that
    /// covers codes, numbers and amounts, which is what masking is for, at the price of also hiding a fixed number.
    /// </summary>
    public static string Mask(string text, ParsedTemplate? template)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (signature, body) = SignatureRules.Split(text);
        var masked = template is not null && TemplateMatcher.Split(template, body, int.MaxValue) is { } values
            ? template.Render(values.Select(_ => Hidden).ToList())
            : MaskDigitRuns(body);
        return signature is null ? masked : SignatureRules.Compose(signature, masked);
    }

    /// <summary>Every run of four or more ASCII digits replaced by <see cref="Hidden"/>.</summary>
    public static string MaskDigitRuns(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i - start >= 4)
            {
                result.Append(Hidden);
            }
            else if (i > start)
            {
                result.Append(text, start, i - start);
            }

            if (i < text.Length && !char.IsAsciiDigit(text[i]))
            {
                result.Append(text[i]);
                i++;
            }
        }

        return result.ToString();
    }
}
