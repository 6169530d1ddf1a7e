namespace SmsPortal.Infrastructure.Resellers;

/// <summary>A package of the reseller's own catalogue, with what its credits cost the reseller at its wholesale price.</summary>
public sealed record ResellerPackageRow(int Id, string Name, long Sms, decimal Price, decimal Cost, int ValidityDays, bool IsActive);
