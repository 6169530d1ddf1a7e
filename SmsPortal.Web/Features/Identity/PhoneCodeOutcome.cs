namespace SmsPortal.Web.Features.Identity;

/// <summary>What became of a request for a sign-in code, or of a code typed in; the page words each one.</summary>
internal enum PhoneCodeOutcome
{
    Sent,
    Approved,

    /// <summary>Phone sign-in is not set up on this install (PhoneSignIn:AccountApiId), or its account cannot send.</summary>
    Off,
    WrongCaptcha,
    NotAMobile,

    /// <summary>Sign-up: this number already has an account.</summary>
    NumberTaken,

    /// <summary>A code went to this number less than the gap ago.</summary>
    TooSoon,

    /// <summary>This client address asked for as many codes this hour as it may.</summary>
    AddressLimit,

    /// <summary>The SMS was refused (balance, limits, blacklist): nothing was sent.</summary>
    Refused,
    WrongCode,
    Expired,
    TooManyChecks,
}
