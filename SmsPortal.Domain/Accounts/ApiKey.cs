namespace SmsPortal.Domain.Accounts;

/// <summary>
/// An API key of an account. The key itself is kept encrypted (never hashed): the vendor's
/// dynamic password is md5(account + apikey + ...), which the platform can only check with the plain key.
/// </summary>
public sealed class ApiKey
{
    public int Id { get; set; }

    public int AccountId { get; set; }

    /// <summary>The key, encrypted with the platform's data-protection keys.</summary>
    public required string ProtectedKey { get; set; }

    /// <summary>The last characters of the key, so people can tell keys apart without seeing them.</summary>
    public required string Hint { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;

    public static string Mask(string hint) => "••••••••" + hint;
}
