namespace SmsPortal.Infrastructure.Sending;

/// <summary>
/// What a send to many numbers will cost before it starts (the console's confirmation): its numbers by destination, the
/// credits and the money they take, and the money balance (read only when a number is abroad).
/// </summary>
public sealed record SendQuote(IReadOnlyList<DestinationQuote> Destinations, long MoneyBalanceFen)
{
    public static SendQuote Empty { get; } = new([], 0);

    public long Credits => Destinations.Sum(d => d.Credits);

    public long MoneyFen => Destinations.Sum(d => d.MoneyFen);

    public bool HasAbroad => Destinations.Any(d => !d.IsMainland);

    /// <summary>Numbers abroad that no price list prices: each will be refused (4033), nothing charged.</summary>
    public int Unpriced => Destinations.Where(d => !d.IsPriced).Sum(d => d.Numbers);
}
