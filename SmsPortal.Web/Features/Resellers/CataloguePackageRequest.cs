namespace SmsPortal.Web.Features.Resellers;

/// <summary>A package of the reseller's own, for its customers, as REST creates or changes it.</summary>
/// <param name="Name">Shown to the customers, at most 100 characters.</param>
/// <param name="Sms">Credits the package holds.</param>
/// <param name="Price">Yuan, two decimals; never below the reseller's wholesale cost of these SMS.</param>
/// <param name="ValidityDays">How long the credits are valid.</param>
/// <param name="OnSale">Offered to the customers now.</param>
/// <param name="Money">Yuan for international SMS the package adds to the customer's money balance (two decimals; 0 or absent for SMS only). The reseller pays the platform's price per send abroad from its own money balance.</param>
public sealed record CataloguePackageRequest(string? Name, long Sms, decimal Price, int ValidityDays, bool OnSale, decimal Money = 0);
