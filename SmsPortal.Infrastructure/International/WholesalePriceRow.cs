namespace SmsPortal.Infrastructure.International;

/// <summary>
/// One line of a reseller's view of international prices: a country (or network) the platform prices, or one the
/// reseller prices, with the reseller's wholesale cost per segment there (the platform's price, <see cref="Domain.International.PriceList.WholesaleFloor"/>)
/// and its own price (null: its customers pay the platform's). CNY fen. WholesaleFen is null only for a line of the
/// reseller's whose numbers the platform no longer prices.
/// </summary>
public sealed record WholesalePriceRow(string CountryCode, string Prefix, string? Network, long? WholesaleFen, long? OwnFen);
