namespace SmsPortal.Domain.International;

/// <summary>
/// One line of a price list for international SMS, in CNY fen per billed segment: the platform's (no seller), or a
/// reseller's for its own customers. A line names a country by its calling code ("852") and, where a network is priced
/// apart, the start of the national number that network's numbers have ("9" for one Hong Kong network). The longest
/// matching prefix decides; an empty prefix is the whole country.
/// </summary>
public sealed class InternationalPrice
{
    public const int MaxPrefixLength = 8;
    public const int MaxNetworkLength = 60;

    /// <summary>Most a segment may cost (¥100.00): a price above is a typo, not a tariff.</summary>
    public const long MaxFen = 10_000;

    public int Id { get; set; }

    /// <summary>Null for the platform's list; a reseller's account id for the prices its customers pay.</summary>
    public int? SellerAccountId { get; set; }

    /// <summary>The country calling code, digits only ("852").</summary>
    public required string CountryCode { get; set; }

    /// <summary>The start of the national number a network's numbers have; empty for the whole country.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>The network's name as the admin wrote it (for people; the prefix decides).</summary>
    public string? Network { get; set; }

    /// <summary>What the customer pays per segment, in fen.</summary>
    public long PriceFen { get; set; }

    /// <summary>What the platform pays its upstream per segment, in fen (the platform's list only); null when not recorded.</summary>
    public long? CostFen { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
