namespace SmsPortal.Domain.Abuse;

/// <summary>Which defence refused a send or a code: the velocity limits, a blocked range, pumping, a Verify service's daily cap.</summary>
public enum AbuseRule
{
    /// <summary>Too many sends to one number (all accounts) in the window.</summary>
    NumberVelocity = 1,

    /// <summary>Too many sends from one client address in the window.</summary>
    AddressVelocity = 2,

    /// <summary>Too many sends from one account in the window.</summary>
    AccountVelocity = 3,

    /// <summary>Too many sends from one account into one number range in the window.</summary>
    RangeVelocity = 4,

    /// <summary>The range is blocked for the account (after pumping was seen), until it expires or the owner lifts it.</summary>
    RangeBlocked = 5,

    /// <summary>A burst of new codes into one range: the range was blocked by this very request.</summary>
    Pumping = 6,

    /// <summary>The Verify service sent its daily cap of codes.</summary>
    SpendCap = 7,

    /// <summary>The number's country is not in the account's allow-list (or the platform's, for an account without one).</summary>
    CountryNotAllowed = 8,
}
