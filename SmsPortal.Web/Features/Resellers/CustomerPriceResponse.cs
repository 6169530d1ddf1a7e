namespace SmsPortal.Web.Features.Resellers;

/// <summary>A customer's own price for a package, beside the package's list price and the reseller's cost.</summary>
public sealed record CustomerPriceResponse(string CustomerApiId, string CustomerName, int PackageId, string PackageName, decimal ListPrice, decimal Price, decimal Cost);
