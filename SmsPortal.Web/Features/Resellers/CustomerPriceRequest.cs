namespace SmsPortal.Web.Features.Resellers;

/// <summary>What one of the reseller's customers pays for one of the reseller's packages (set, or replaced).</summary>
/// <param name="CustomerApiId">The customer's API ID; anybody else's answers 404.</param>
/// <param name="PackageId">One of the reseller's own packages; anybody else's answers 404.</param>
/// <param name="Price">Yuan, two decimals; never below the reseller's wholesale cost of the package's SMS.</param>
public sealed record CustomerPriceRequest(string? CustomerApiId, int PackageId, decimal Price);
