namespace SmsPortal.Domain.Accounts;

/// <summary>The tenant: a customer or a reseller, with its people, API credentials and credits.</summary>
public sealed class Account
{
    public const int NameMaxLength = 100;

    public const int AllowedCountriesMaxLength = 400;

    public int Id { get; set; }

    public required string Name { get; set; }

    public AccountKind Kind { get; set; } = AccountKind.Customer;

    /// <summary>The reseller this account belongs to; null for a direct customer of the platform.</summary>
    public int? ParentAccountId { get; set; }

    public AccountStatus Status { get; set; } = AccountStatus.Active;

    /// <summary>The account's public identifier for the HTTP and SMPP interfaces (the vendor's "API ID").</summary>
    public required string ApiId { get; set; }

    /// <summary>Set once the enterprise verification is approved.</summary>
    public bool IsVerified { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<ApiKey> ApiKeys { get; set; } = [];

    /// <summary>Where delivery receipts, handset replies and template review results are pushed (vendor form posts).</summary>
    public string? ReceiptPushUrl { get; set; }

    public string? ReplyPushUrl { get; set; }

    public string? ReviewPushUrl { get; set; }

    /// <summary>The secret of the HMAC signature header on pushes, encrypted like the API keys.</summary>
    public string? ProtectedPushSecret { get; set; }

    /// <summary>Caller addresses allowed on the API, comma-separated; empty for any (vendor codes 400 / 4052).</summary>
    public string? AllowedIps { get; set; }

    /// <summary>
    /// Countries the account may send to, as comma-separated calling codes ("86,852"); null or empty for the platform's
    /// default list (Abuse:AllowedCountries). Set by an admin; every send of every door is held to it (4032).
    /// </summary>
    public string? AllowedCountries { get; set; }

    /// <summary>Hide template variable values (codes, names) in the console's records.</summary>
    public bool MaskRecords { get; set; }

    /// <summary>Below this balance the account is told (SMS to <see cref="AlertMobiles"/> and a mail); null for never.</summary>
    public long? LowBalanceThreshold { get; set; }

    /// <summary>Up to three numbers for the low-balance SMS, comma-separated.</summary>
    public string? AlertMobiles { get; set; }

    /// <summary>When the last low-balance alert went out; cleared by the next top-up (the vendor's rule: one alert per crossing).</summary>
    public DateTimeOffset? LowBalanceAlertedAt { get; set; }

    /// <summary>The account's own, tighter limits; null keeps the platform's.</summary>
    public AccountLimits Limits { get; set; } = new();

    public bool IsFrozen => Status == AccountStatus.Frozen;
}

/// <summary>Limits an account sets for itself; each can only tighten the platform's.</summary>
public sealed class AccountLimits
{
    public int? MaxPerNumberPerDay { get; set; }

    public int? MaxVerificationCodesPerNumberPerDay { get; set; }

    public int? MaxIdenticalPerNumberPerMinute { get; set; }

    public int? MaxIdenticalPerNumberPerDay { get; set; }

    public int? MaxPerAccountPerDay { get; set; }
}

public enum AccountKind
{
    Customer = 0,
    Reseller = 1,
}

public enum AccountStatus
{
    Active = 0,
    Frozen = 1,
}
