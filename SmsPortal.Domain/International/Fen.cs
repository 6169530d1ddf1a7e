using System.Globalization;

namespace SmsPortal.Domain.International;

/// <summary>Money in CNY fen (a long) as people write it: yuan with at most two decimals ("0.35", "12").</summary>
public static class Fen
{
    /// <summary>"0.35" for 35: yuan, two decimals, invariant (what CSV files and the vendor API carry).</summary>
    public static string Format(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Yuan with at most two decimals, not negative, to fen; false for anything else ("0.355", "-1", "¥1").</summary>
    public static bool TryParse(string? text, out long fen)
    {
        fen = 0;
        if (string.IsNullOrWhiteSpace(text)
            || !decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan)
            || yuan > long.MaxValue / 100 || decimal.Round(yuan, 2) != yuan)
        {
            return false;
        }

        fen = (long)(yuan * 100);
        return true;
    }
}
