namespace SmsPortal.Domain.Resellers;

/// <summary>What the reseller's wholesale price is for.</summary>
public enum WholesaleUnit
{
    PerSms = 0,
    PerPackage = 1,
}
