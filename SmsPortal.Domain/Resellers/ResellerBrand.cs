namespace SmsPortal.Domain.Resellers;

/// <summary>
/// What makes an account a reseller beyond its kind: the wholesale price the platform charges it, the trial credits
/// it gives its new customers out of its own balance, and the brand its customers see on its host names.
/// One row per reseller account, keyed by that account.
/// </summary>
public sealed class ResellerBrand
{
    public const int DisplayNameMaxLength = 60;
    public const int PhoneMaxLength = 30;
    public const int EmailMaxLength = 120;
    public const int SignatureMaxLength = 20;
    public const int LogoFileNameMaxLength = 64;

    public int AccountId { get; set; }

    /// <summary>The name the reseller's customers see instead of the platform's: page titles, the shell, mail senders.</summary>
    public required string DisplayName { get; set; }

    /// <summary>The shell's main colour, "#RRGGBB".</summary>
    public string PrimaryColour { get; set; } = "#1565C0";

    /// <summary>The second colour (buttons, links that stand out), "#RRGGBB".</summary>
    public string SecondaryColour { get; set; } = "#00897B";

    public string? SupportPhone { get; set; }

    public string? SupportEmail { get; set; }

    /// <summary>The signature (without 【】) the reseller suggests to its customers.</summary>
    public string? DefaultSignature { get; set; }

    /// <summary>The logo's generated name in the uploads folder (PNG or JPEG, judged by its content); null for none.</summary>
    public string? LogoFileName { get; set; }

    public WholesaleUnit WholesaleUnit { get; set; }

    /// <summary>The platform's price to the reseller, in yuan: for one SMS, or for one package of <see cref="WholesalePackageSms"/>.</summary>
    public decimal WholesalePrice { get; set; }

    /// <summary>How many SMS one wholesale package holds; set only when <see cref="WholesaleUnit"/> is per package.</summary>
    public int? WholesalePackageSms { get; set; }

    /// <summary>Trial credits each new customer receives out of the reseller's balance; none when the balance is short.</summary>
    public long TrialCredits { get; set; }

    /// <summary>The registered name printed as seller on the invoices it issues to its customers; null until it enters its tax details.</summary>
    public string? TaxName { get; set; }

    /// <summary>Its unified social credit code, printed as the seller's tax number.</summary>
    public string? TaxNumber { get; set; }

    public string? TaxAddressAndPhone { get; set; }

    public string? TaxBankAndAccount { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<ResellerHost> Hosts { get; set; } = [];
}
