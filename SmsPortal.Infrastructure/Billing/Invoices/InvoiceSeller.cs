namespace SmsPortal.Infrastructure.Billing.Invoices;

/// <summary>
/// The seller an invoice names: the platform (from the Billing settings) or a reseller (its own tax details). A
/// reseller's invoice carries nothing of the platform's, not even the line saying which software made it.
/// </summary>
public sealed record InvoiceSeller(string Name, string TaxNumber, string? AddressAndPhone, string? BankAndAccount, decimal VatRate, bool IsPlatform)
{
    public static InvoiceSeller Platform(BillingOptions options) =>
        new(options.SellerName, options.SellerTaxNumber, Blank(options.SellerAddressAndPhone), Blank(options.SellerBankAndAccount), options.VatRate, true);

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
