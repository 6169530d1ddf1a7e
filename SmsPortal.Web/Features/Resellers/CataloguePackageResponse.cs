namespace SmsPortal.Web.Features.Resellers;

/// <summary>One of the reseller's packages with the reseller's wholesale cost of its SMS today, and the money (yuan) it adds for international SMS.</summary>
public sealed record CataloguePackageResponse(int Id, string Name, long Sms, decimal Price, decimal Cost, int ValidityDays, bool OnSale, decimal Money);
