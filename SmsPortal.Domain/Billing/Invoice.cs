using System.Globalization;

namespace SmsPortal.Domain.Billing;

/// <summary>
/// A fapiao requested for a paid order and issued by an admin. Numbers are allocated when issued, from one
/// sequence without gaps (tax rules want every number accounted for).
/// </summary>
public sealed class Invoice
{
    public const int TitleMaxLength = 100;
    public const int TaxNumberMaxLength = 20;
    public const int LineMaxLength = 200;

    public long Id { get; set; }

    public long OrderId { get; set; }

    public int AccountId { get; set; }

    /// <summary>Who issues it (the order's seller): null for the platform, or the reseller, with its own number sequence.</summary>
    public int? SellerAccountId { get; set; }

    public InvoiceKind Kind { get; set; }

    /// <summary>The buyer's name as it is printed (the company's registered name).</summary>
    public required string Title { get; set; }

    /// <summary>The unified social credit code (统一社会信用代码), 15 to 20 letters and digits.</summary>
    public required string TaxNumber { get; set; }

    /// <summary>Address and telephone, required on a special VAT invoice.</summary>
    public string? AddressAndPhone { get; set; }

    /// <summary>Bank and account number, required on a special VAT invoice.</summary>
    public string? BankAndAccount { get; set; }

    public decimal Amount { get; set; }

    public InvoiceStatus Status { get; set; }

    /// <summary>The sequence number, set when issued: 1, 2, 3… with no gap.</summary>
    public long? Number { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public string? RequestedByUserId { get; set; }

    public DateTimeOffset? IssuedAt { get; set; }

    public string? IssuedByUserId { get; set; }

    public string? DisplayNumber => Number is { } n ? FormatNumber(n) : null;

    public static string FormatNumber(long number) => number.ToString("D8", CultureInfo.InvariantCulture);
}

public enum InvoiceKind
{
    /// <summary>增值税普通发票</summary>
    Ordinary = 0,

    /// <summary>增值税专用发票: the buyer deducts input VAT, so it carries address, phone, bank and account.</summary>
    SpecialVat = 1,
}

public enum InvoiceStatus
{
    Requested = 0,
    Issued = 1,
}

public static class InvoiceRules
{
    /// <summary>An error key of the billing texts, or null when the request can be filed.</summary>
    public static string? Check(InvoiceKind kind, string? title, string? taxNumber, string? addressAndPhone, string? bankAndAccount)
    {
        if (!Enum.IsDefined(kind))
        {
            return "Error.InvoiceKind";
        }

        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length is < 2 or > Invoice.TitleMaxLength)
        {
            return "Error.InvoiceTitle";
        }

        var tax = taxNumber?.Trim() ?? "";
        if (tax.Length is < 15 or > Invoice.TaxNumberMaxLength || !tax.All(char.IsAsciiLetterOrDigit))
        {
            return "Error.TaxNumber";
        }

        if (kind == InvoiceKind.SpecialVat && (string.IsNullOrWhiteSpace(addressAndPhone) || string.IsNullOrWhiteSpace(bankAndAccount)))
        {
            return "Error.SpecialVatDetails";
        }

        return (addressAndPhone?.Length ?? 0) > Invoice.LineMaxLength || (bankAndAccount?.Length ?? 0) > Invoice.LineMaxLength ? "Error.InvoiceLine" : null;
    }
}

/// <summary>What an admin did to money or credits: who, when, what, why. Written in the same transaction as the act.</summary>
public sealed class BillingAuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string ActorUserId { get; set; }

    public required string ActorEmail { get; set; }

    public BillingAction Action { get; set; }

    public int? AccountId { get; set; }

    /// <summary>What was acted on: an order number, an invoice number, a package name.</summary>
    public string? Subject { get; set; }

    /// <summary>What changed, in words (amounts, old and new values).</summary>
    public required string Detail { get; set; }

    public string? Reason { get; set; }
}

public enum BillingAction
{
    PackageCreated = 0,
    PackageChanged = 1,
    PriceSet = 2,
    PriceRemoved = 3,
    TransferConfirmed = 4,
    OrderCancelled = 5,
    InvoiceIssued = 6,
    Adjustment = 7,
    CreditsTransferred = 8,
    CreditsTakenBack = 9,
    ResellerSaved = 10,
    CreditsSold = 11,
    InvoiceDetailsSaved = 12,
}

/// <summary>A counter that hands out numbers inside a transaction (the invoice sequence).</summary>
public sealed class BillingCounter
{
    public const string Invoice = "Invoice";

    /// <summary>The invoice sequence of a seller: the platform's, or one per reseller.</summary>
    public static string InvoiceOf(int? sellerAccountId) => sellerAccountId is { } id ? "Invoice:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) : Invoice;

    public required string Name { get; set; }

    public long Value { get; set; }
}

/// <summary>A billing setting the platform keeps itself (the sandbox's signing secret when none is configured), encrypted.</summary>
public sealed class BillingSecret
{
    public required string Name { get; set; }

    public required string ProtectedValue { get; set; }
}
