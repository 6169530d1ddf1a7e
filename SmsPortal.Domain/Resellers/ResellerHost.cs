namespace SmsPortal.Domain.Resellers;

/// <summary>A host name (lower case, no port) on which the reseller's brand answers; unique across resellers.</summary>
public sealed class ResellerHost
{
    public const int NameMaxLength = 253;

    public int Id { get; set; }

    public int AccountId { get; set; }

    public required string Name { get; set; }
}
