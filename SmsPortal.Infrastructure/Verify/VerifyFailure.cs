namespace SmsPortal.Infrastructure.Verify;

/// <summary>Why a Verify call did not do what it asked; each door words it in its own codes.</summary>
public enum VerifyFailure
{
    None = 0,

    /// <summary>A parameter is missing or malformed; the detail names it.</summary>
    InvalidParameter,

    /// <summary>No service with that sid belongs to the account.</summary>
    ServiceNotFound,

    /// <summary>A channel that is not built (voice) or unknown.</summary>
    ChannelNotAvailable,

    /// <summary>The number's country is not in the service's allowed countries.</summary>
    CountryNotAllowed,

    /// <summary>A code went to this number less than the service's minimum gap ago.</summary>
    TooSoon,

    /// <summary>No such verification, or none pending for that number.</summary>
    NotFound,

    Expired,

    MaxAttemptsReached,

    /// <summary>The service sent its daily cap of codes today (Abuse: a daily spend cap per service).</summary>
    SpendCapReached,

    /// <summary>The submission service refused the SMS (credits, limits, blacklist, template): its vendor code is in the result.</summary>
    SendRefused,
}
