namespace SmsPortal.Web.Features.Resellers;

/// <summary>
/// A country or network abroad: the reseller's cost per segment (the platform's price; null when the platform no longer
/// sells there) and its own price (null: its customers pay the platform's), in yuan.
/// </summary>
public sealed record InternationalPriceResponse(string Country, string Prefix, string? Network, decimal? Cost, decimal? Price);
