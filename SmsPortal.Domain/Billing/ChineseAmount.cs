using System.Globalization;

namespace SmsPortal.Domain.Billing;

/// <summary>
/// An amount in yuan written in Chinese financial capitals (大写), as invoices print the total:
/// 1,200.50 → 壹仟贰佰元伍角整; 100,000,001 → 壹亿零壹元整. Zeros inside the number are read once (零),
/// trailing zeros not at all; an amount of whole yuan ends in 整.
/// </summary>
public static class ChineseAmount
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] Units = ["", "拾", "佰", "仟"];
    private static readonly string[] Groups = ["", "万", "亿", "万亿"];

    public static string InWords(decimal amount)
    {
        if (amount < 0 || amount >= 1_000_000_000_000m)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "Between 0 and one trillion yuan.");
        }

        var fen = (long)decimal.Round(amount * 100, MidpointRounding.AwayFromZero);
        var yuan = fen / 100;
        var jiao = (int)(fen / 10 % 10);
        var cents = (int)(fen % 10);
        var text = yuan > 0 ? Integer(yuan) + "元" : "";
        if (jiao == 0 && cents == 0)
        {
            return (text.Length == 0 ? "零元" : text) + "整";
        }

        if (jiao > 0)
        {
            text += Digits[jiao] + "角";
        }
        else if (yuan > 0)
        {
            text += "零";
        }

        return cents > 0 ? text + Digits[cents] + "分" : text + "整";
    }

    private static string Integer(long value)
    {
        var groups = new List<int>();
        for (var v = value; v > 0; v /= 10_000)
        {
            groups.Add((int)(v % 10_000));
        }

        var text = "";
        var zeroPending = false;
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            var group = groups[g];
            if (group == 0)
            {
                zeroPending = text.Length > 0;
                continue;
            }

            if (text.Length > 0 && (zeroPending || group < 1000))
            {
                text += "零";
            }

            text += FourDigits(group) + Groups[g];
            zeroPending = false;
        }

        return text;
    }

    private static string FourDigits(int value)
    {
        var text = "";
        var zero = false;
        var digits = value.ToString("D4", CultureInfo.InvariantCulture);
        for (var i = 0; i < 4; i++)
        {
            var d = digits[i] - '0';
            if (d == 0)
            {
                zero = text.Length > 0;
                continue;
            }

            if (zero)
            {
                text += "零";
            }

            text += Digits[d] + Units[3 - i];
            zero = false;
        }

        return text;
    }
}
