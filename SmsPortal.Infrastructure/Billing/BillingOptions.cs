namespace SmsPortal.Infrastructure.Billing;

/// <summary>Section "Payments": which gateways are on and what they need.</summary>
public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    public SandboxOptions Sandbox { get; set; } = new();

    public BankTransferOptions BankTransfer { get; set; } = new();
}

public sealed class SandboxOptions
{
    /// <summary>The sandbox adds credits without real money: off unless an install turns it on (Development does).</summary>
    public bool Enabled { get; set; }

    /// <summary>The HMAC-SHA256 key of notifications. When empty, one is generated once and kept (encrypted) in the database.</summary>
    public string? Secret { get; set; }

    /// <summary>How far a notification's timestamp may be from now, in seconds, before it is refused as stale.</summary>
    public int NotifyWindowSeconds { get; set; } = 300;

    /// <summary>Where the sandbox posts notifications; empty means the address the customer's browser used.</summary>
    public string? NotifyBaseUrl { get; set; }
}

public sealed class BankTransferOptions
{
    public bool Enabled { get; set; } = true;

    public string AccountName { get; set; } = "SmsPortal";

    public string Bank { get; set; } = "";

    public string AccountNumber { get; set; } = "";
}

/// <summary>Section "Billing": the seller printed on invoices.</summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";

    public string SellerName { get; set; } = "SmsPortal";

    public string SellerTaxNumber { get; set; } = "";

    public string SellerAddressAndPhone { get; set; } = "";

    public string SellerBankAndAccount { get; set; } = "";

    /// <summary>VAT rate printed on invoices (value-added telecom services: 6%).</summary>
    public decimal VatRate { get; set; } = 0.06m;

    /// <summary>The smallest top-up of a free amount of money for international SMS, in yuan (decision 0034).</summary>
    public decimal MoneyTopUpMinYuan { get; set; } = 10m;

    /// <summary>The largest top-up of a free amount of money for international SMS, in yuan.</summary>
    public decimal MoneyTopUpMaxYuan { get; set; } = 50_000m;
}

/// <summary>Who acts, for the audit: the signed-in person's id and email.</summary>
public sealed record BillingActor(string UserId, string Email);

/// <summary>The answer to a billing request: done, or refused with the key of a text that says why.</summary>
public sealed record BillingResult(bool Ok, string? Error = null, long? Id = null)
{
    public static BillingResult Done(long? id = null) => new(true, null, id);

    public static BillingResult Refused(string error) => new(false, error);
}
