namespace SmsPortal.Infrastructure.Resellers;

/// <summary>What a reseller prints as seller on the invoices it issues: registered name, tax number, address and phone, bank and account.</summary>
public sealed record SellerTaxDetails(string? Name, string? TaxNumber, string? AddressAndPhone, string? BankAndAccount);
