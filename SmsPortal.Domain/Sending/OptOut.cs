using System.Globalization;
using System.Text;

namespace SmsPortal.Domain.Sending;

/// <summary>
/// Whether a handset's reply asks to receive nothing more from the account. Replies are written every which way
/// (ＴＤ, "t d", "Stop.", "退订！", "退订回T" copied back), so the text is folded first: full-width to ASCII, upper
/// case, spaces, punctuation and symbols dropped. Then:
/// <list type="bullet">
/// <item>the whole reply is one of the Latin keywords TD, T, N, R, STOP, UNSUBSCRIBE, UNSUB, CANCEL, QUIT, END
/// ("reply T/N/R to unsubscribe" are all in use), or one of them followed by 退订;</item>
/// <item>or the reply contains 退订, 拒收, 取消订阅 or 不要再发, unless a 不, 别 or 勿 just before says the opposite ("不退订");</item>
/// <item>or the whole reply is 退 or 取消.</item>
/// </list>
/// A single T or N inside a longer reply ("T恤", "No thanks") is not an opt-out: a false opt-out silences a customer's
/// real traffic, a missed one is caught by the next, plainer reply.
/// </summary>
public static class OptOut
{
    private static readonly HashSet<string> LatinKeywords = ["TD", "T", "N", "R", "STOP", "UNSUBSCRIBE", "UNSUB", "CANCEL", "QUIT", "END"];

    private static readonly string[] ChinesePhrases = ["退订", "拒收", "取消订阅", "不要再发"];

    private static readonly HashSet<string> ChineseWholeReplies = ["退", "取消"];

    public static bool IsOptOutReply(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var folded = Fold(text);
        if (folded.Length == 0)
        {
            return false;
        }

        if (LatinKeywords.Contains(folded) || ChineseWholeReplies.Contains(folded))
        {
            return true;
        }

        if (folded.EndsWith("退订", StringComparison.Ordinal) && LatinKeywords.Contains(folded[..^2]))
        {
            return true;
        }

        foreach (var phrase in ChinesePhrases)
        {
            for (var at = folded.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(phrase, at + 1, StringComparison.Ordinal))
            {
                if (at == 0 || folded[at - 1] is not ('不' or '别' or '勿'))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value is >= 0xFF01 and <= 0xFF5E ? new Rune(rune.Value - 0xFEE0) : rune;
            switch (Rune.GetUnicodeCategory(value))
            {
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.DecimalDigitNumber:
                    folded.Append(Rune.ToUpperInvariant(value).ToString());
                    break;
            }
        }

        return folded.ToString();
    }
}
