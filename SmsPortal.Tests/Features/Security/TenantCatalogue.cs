namespace SmsPortal.Tests.Features.Security;

/// <summary>What a reseller of the isolation matrix sells: one package of its own and its customer's own price for it.</summary>
public sealed record TenantCatalogue(int PackageId, string PackageName, string CustomerApiId, decimal Price);
