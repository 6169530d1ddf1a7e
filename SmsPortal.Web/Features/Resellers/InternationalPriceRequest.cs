namespace SmsPortal.Web.Features.Resellers;

/// <summary>A line of the reseller's international price list, as REST sets it.</summary>
/// <param name="Country">The country calling code ("852", "+852").</param>
/// <param name="Prefix">The start of the national number a network's numbers have; empty or absent for the whole country.</param>
/// <param name="Price">Yuan per segment, two decimals at most; never below the reseller's cost (the platform's price for those numbers).</param>
public sealed record InternationalPriceRequest(string? Country, string? Prefix, decimal? Price);
