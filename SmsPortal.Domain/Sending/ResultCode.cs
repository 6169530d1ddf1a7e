namespace SmsPortal.Domain.Sending;

/// <summary>
/// The vendor's result codes, with the same numbers its clients test for. Only <see cref="Accepted"/> means
/// the request went through; the texts are in <see cref="ResultMessages"/>.
/// </summary>
public enum ResultCode
{
    Failed = 0,
    Accepted = 2,
    IpNotAllowed = 400,
    AccountMissing = 401,
    PasswordMissing = 402,
    MobileMissing = 403,
    MobileBlacklisted = 4030,
    ContentMissing = 404,
    BadCredentials = 405,
    AccountFrozen = 4050,
    DynamicPasswordExpired = 40501,
    DynamicPasswordWrong = 40502,
    InsufficientCredits = 4051,
    IpNotBound = 4052,

    /// <summary>
    /// Not the vendor's: too many wrong credentials from this address or for this API ID; refused until the
    /// cooling period ends, whatever is sent. Numbered in the vendor's 405x credential family.
    /// </summary>
    TooManyFailedAttempts = 4053,
    BadMobileFormat = 406,
    SensitiveWords = 407,
    BadSignatureFormat = 4070,
    NoTemplateFiled = 4071,
    TemplateMismatch = 4072,
    VariableTooLong = 40722,
    ContentTooLong = 4073,
    EmojiInContent = 4074,
    SignatureNotApproved = 4075,
    OverLimitBlacklisted = 408,
    PerSecondLimit = 4080,
    DailyLimitPerNumber = 4082,
    VerificationCodesPerNumberPerDay = 4085,

    /// <summary>
    /// Not the vendor's: the account or the address sends faster than the platform takes, or the account already
    /// has its share of submissions waiting. Try again shortly. Numbered in the vendor's 408x frequency family.
    /// </summary>
    TooFrequent = 4089,

    /// <summary>
    /// Not the vendor's (abuse defence, decision 0025): the number lies in a range closed to this account after a burst
    /// of codes into it (SMS pumping), until the block expires or the owner lifts it. Next to 4030, the blacklist.
    /// </summary>
    RangeBlocked = 4031,

    /// <summary>
    /// Not the vendor's (decision 0025): the number's country is not in the account's allow-list (or, for an account
    /// without one, the platform's). Next to 4030 and 4031, the other refusals of a number.
    /// </summary>
    CountryNotAllowed = 4032,

    /// <summary>
    /// Not the vendor's (decision 0034): the number's country (or network) has no price in the international price list
    /// that applies to the account, so it cannot be charged. Nothing is charged. Next to 4032, the other refusal of a
    /// country.
    /// </summary>
    NoInternationalPrice = 4033,

    /// <summary>
    /// Not the vendor's (decision 0034): the sender is a reseller's customer and its reseller's money balance does not
    /// cover the platform's price for this international message, which the reseller pays. Nothing is charged. The
    /// customer's own balance is not short, so not 4051: only its reseller can put it right.
    /// </summary>
    ResellerMoneyShort = 4034,

    /// <summary>Not the vendor's: too many sends from this account into one number range in the window (Abuse:PerRange).</summary>
    RangeVelocity = 4084,

    /// <summary>Not the vendor's: too many sends to this number, from all accounts, in the window (Abuse:PerNumber).</summary>
    NumberVelocity = 4086,

    /// <summary>Not the vendor's: too many sends from this client address in the window (Abuse:PerAddress).</summary>
    AddressVelocity = 4087,

    /// <summary>Not the vendor's: too many sends from this account in the window (Abuse:PerAccount).</summary>
    AccountVelocity = 4088,

    /// <summary>
    /// Not the vendor's (decision 0036): a scheduled send's time (the marketing product's <c>stime</c>) is not a time
    /// in the documented form. Numbered after the 408x frequency family, as the other time-bound refusals.
    /// </summary>
    ScheduleTimeInvalid = 4090,

    /// <summary>Not the vendor's (decision 0036): a scheduled send's time is in the past, or further ahead than the platform takes.</summary>
    ScheduleTimeOutOfRange = 4091,
}

/// <summary>
/// A request the rules turned down: the code the caller answers with, and the limit that was in force when
/// the code's message shows one (40722, 408, 4082, 4085).
/// </summary>
/// <param name="Detail">
/// What exactly was wrong (the sensitive word found, the variable that was too long), for the account's
/// own records and the console. Never part of the API answer: the vendor's texts are fixed.
/// </param>
public sealed record Rejection(ResultCode Code, int? LimitInForce = null, string? Detail = null)
{
    /// <summary>The vendor's message for <see cref="Code"/> as a Submit answer, with the limit in force filled in.</summary>
    public string Message => ResultMessages.Submit(Code, LimitInForce);

    public static implicit operator Rejection(ResultCode code) => new(code);
}
