using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;

namespace SmsPortal.Infrastructure.Channels.Smpp.Server;

/// <summary>
/// The vendor's result codes as SMPP command_status, in one table (docs/smpp.md shows it). Standard statuses where
/// SMPP has one that says the same; otherwise a vendor-specific status in 0x400–0x4FF, one per refusal, so a client
/// can tell a template refusal from a credit shortage (generic clients treat any of them as a permanent failure).
/// </summary>
public static class SmppResultCodes
{
    /// <summary>Vendor-specific statuses (SMPP 3.4 reserves 0x400–0x4FF for the SMSC vendor).</summary>
    public const uint InsufficientCredits = 0x401;
    public const uint AccountFrozen = 0x402;
    public const uint SensitiveWords = 0x403;
    public const uint BadSignatureFormat = 0x404;
    public const uint NoTemplateFiled = 0x405;
    public const uint TemplateMismatch = 0x406;
    public const uint VariableTooLong = 0x407;
    public const uint EmojiInContent = 0x408;
    public const uint SignatureNotApproved = 0x409;
    public const uint MobileBlacklisted = 0x40A;
    public const uint OverLimitBlacklisted = 0x40B;
    public const uint DailyLimitPerNumber = 0x40C;
    public const uint VerificationCodesPerNumberPerDay = 0x40D;
    public const uint ResellerMoneyShort = 0x40E;

    /// <summary>The table: every vendor code → the submit_sm_resp status.</summary>
    public static IReadOnlyList<(ResultCode Code, uint Status)> Table { get; } =
    [
        (ResultCode.Accepted, SmppStatus.Ok),
        (ResultCode.Failed, SmppStatus.SystemError),
        (ResultCode.MobileMissing, SmppStatus.InvalidDestinationAddress),
        (ResultCode.BadMobileFormat, SmppStatus.InvalidDestinationAddress),
        (ResultCode.ContentMissing, SmppStatus.InvalidMessageLength),
        (ResultCode.ContentTooLong, SmppStatus.InvalidMessageLength),
        (ResultCode.PerSecondLimit, SmppStatus.Throttled),

        // The abuse defence (decision 0025): its velocity limits pass with time, like SMPP's throttling; a blocked range
        // and a country outside the account's allow-list are destinations this account cannot reach.
        (ResultCode.NumberVelocity, SmppStatus.Throttled),
        (ResultCode.AddressVelocity, SmppStatus.Throttled),
        (ResultCode.AccountVelocity, SmppStatus.Throttled),
        (ResultCode.RangeVelocity, SmppStatus.Throttled),
        (ResultCode.RangeBlocked, SmppStatus.InvalidDestinationAddress),
        (ResultCode.CountryNotAllowed, SmppStatus.InvalidDestinationAddress),
        (ResultCode.NoInternationalPrice, SmppStatus.InvalidDestinationAddress),
        (ResultCode.InsufficientCredits, InsufficientCredits),
        (ResultCode.ResellerMoneyShort, ResellerMoneyShort),
        (ResultCode.AccountFrozen, AccountFrozen),
        (ResultCode.SensitiveWords, SensitiveWords),
        (ResultCode.BadSignatureFormat, BadSignatureFormat),
        (ResultCode.NoTemplateFiled, NoTemplateFiled),
        (ResultCode.TemplateMismatch, TemplateMismatch),
        (ResultCode.VariableTooLong, VariableTooLong),
        (ResultCode.EmojiInContent, EmojiInContent),
        (ResultCode.SignatureNotApproved, SignatureNotApproved),
        (ResultCode.MobileBlacklisted, MobileBlacklisted),
        (ResultCode.OverLimitBlacklisted, OverLimitBlacklisted),
        (ResultCode.DailyLimitPerNumber, DailyLimitPerNumber),
        (ResultCode.VerificationCodesPerNumberPerDay, VerificationCodesPerNumberPerDay),

        // Credentials are checked at bind; after it they can only change under a bound session.
        (ResultCode.IpNotAllowed, SmppStatus.BindFailed),
        (ResultCode.IpNotBound, SmppStatus.BindFailed),
        (ResultCode.BadCredentials, SmppStatus.InvalidPassword),
        (ResultCode.AccountMissing, SmppStatus.InvalidSystemId),
        (ResultCode.PasswordMissing, SmppStatus.InvalidPassword),
        (ResultCode.DynamicPasswordExpired, SmppStatus.InvalidPassword),
        (ResultCode.DynamicPasswordWrong, SmppStatus.InvalidPassword),
    ];

    private static readonly Dictionary<ResultCode, uint> Map = Table.ToDictionary(e => e.Code, e => e.Status);

    /// <summary>The submit_sm_resp status for a vendor code (ESME_RSUBMITFAIL for a code the table does not name).</summary>
    public static uint ToSmpp(ResultCode code) => Map.GetValueOrDefault(code, SmppStatus.SubmitFailed);

    /// <summary>The bind_*_resp status when the credentials check said no.</summary>
    public static uint ForBind(ResultCode code) => code switch
    {
        ResultCode.AccountMissing => SmppStatus.InvalidSystemId,
        ResultCode.BadCredentials or ResultCode.PasswordMissing or ResultCode.DynamicPasswordExpired or ResultCode.DynamicPasswordWrong => SmppStatus.InvalidPassword,
        _ => SmppStatus.BindFailed,
    };
}
