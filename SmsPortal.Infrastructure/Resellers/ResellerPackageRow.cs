namespace SmsPortal.Infrastructure.Resellers;

/// <summary>
/// A package of the reseller's own catalogue, with what its credits cost the reseller at its wholesale price; MoneyFen is
/// the money for international SMS it adds (the reseller pays the platform for that per send, not here).
/// </summary>
public sealed record ResellerPackageRow(int Id, string Name, long Sms, decimal Price, decimal Cost, int ValidityDays, bool IsActive, long MoneyFen = 0);
