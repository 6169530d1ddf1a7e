using SmsPortal.Domain.Sending;

namespace SmsPortal.Domain.International;

/// <summary>
/// The rules of international price lists (decision 0034): which line prices a number, what a line may hold, and the
/// floor under a reseller's price.
/// </summary>
public static class PriceList
{
    /// <summary>Most lines one list holds.</summary>
    public const int MaxLines = 5000;

    /// <summary>
    /// The line that prices a number of <paramref name="countryCode"/>: the one with the longest prefix the national number
    /// starts with (a network priced apart), else the country's line without a prefix; null when the list has neither.
    /// </summary>
    public static TLine? Resolve<TLine>(IEnumerable<TLine> lines, Func<TLine, string> country, Func<TLine, string> prefix, string countryCode, string nationalNumber)
        where TLine : class =>
        lines.Where(l => country(l) == countryCode && nationalNumber.StartsWith(prefix(l), StringComparison.Ordinal))
            .MaxBy(l => prefix(l).Length);

    /// <summary>
    /// A reseller's wholesale cost for the numbers a line of its list covers, per segment: the highest platform price among
    /// the platform's lines that price any of those numbers (the line covering the prefix, and every longer one under it).
    /// Null when the platform prices none of them: the reseller cannot sell there.
    /// </summary>
    public static long? WholesaleFloor(IReadOnlyCollection<PriceLine> platform, string countryCode, string prefix)
    {
        var covering = platform.Where(p => p.CountryCode == countryCode && prefix.StartsWith(p.Prefix, StringComparison.Ordinal)).MaxBy(p => p.Prefix.Length);
        var under = platform.Where(p => p.CountryCode == countryCode && p.Prefix.Length > prefix.Length && p.Prefix.StartsWith(prefix, StringComparison.Ordinal));
        var prices = under.Select(p => p.PriceFen).Concat(covering is null ? [] : [covering.PriceFen]).ToList();
        return covering is null ? null : prices.Max();
    }

    /// <summary>The first problem of one line (a key of the texts), or null. A reseller's line has no cost of its own.</summary>
    public static string? Check(PriceLine line, bool isResellers)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.CountryCode.Length == 0 || !line.CountryCode.All(char.IsAsciiDigit) || !CountryCallingCodes.IsAssigned(line.CountryCode))
        {
            return "Problem.Country";
        }

        if (line.CountryCode == CountryCallingCodes.Mainland)
        {
            return "Problem.Mainland";
        }

        if (line.Prefix.Length > InternationalPrice.MaxPrefixLength || !line.Prefix.All(char.IsAsciiDigit))
        {
            return "Problem.Prefix";
        }

        if (line.Network is { Length: > InternationalPrice.MaxNetworkLength })
        {
            return "Problem.Network";
        }

        if (line.PriceFen is <= 0 or > InternationalPrice.MaxFen)
        {
            return "Problem.Price";
        }

        if (isResellers && line.CostFen is not null)
        {
            return "Problem.ResellerCost";
        }

        return line.CostFen is < 0 or > InternationalPrice.MaxFen ? "Problem.Cost" : null;
    }
}
