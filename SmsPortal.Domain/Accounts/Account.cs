namespace SmsPortal.Domain.Accounts;

/// <summary>The tenant: a customer or a reseller, with its people, API credentials and credits.</summary>
public sealed class Account
{
    public const int NameMaxLength = 100;

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

    public bool IsFrozen => Status == AccountStatus.Frozen;
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
