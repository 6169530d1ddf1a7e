namespace SmsPortal.Infrastructure.Resellers;

/// <summary>The price one of the reseller's customers pays for one of its packages, beside the list price and the cost.</summary>
public sealed record ResellerPriceRow(int Id, string CustomerApiId, string CustomerName, int PackageId, string PackageName, decimal ListPrice, decimal Price, decimal Cost);
