using System.Globalization;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Doors.Smtp;

/// <summary>
/// The vendor's result codes in English, for SMTP replies: a reply line is ASCII (RFC 5321, and what the SmtpServer
/// package writes), so it carries the vendor's code with this text, and the reply mail carries the vendor's own
/// Chinese text next to the code.
/// </summary>
internal static class SmtpResultTexts
{
    private static readonly Dictionary<ResultCode, string> Texts = new()
    {
        [ResultCode.Failed] = "submission failed",
        [ResultCode.IpNotAllowed] = "caller IP not allowed",
        [ResultCode.AccountMissing] = "account missing",
        [ResultCode.PasswordMissing] = "password missing",
        [ResultCode.MobileMissing] = "mobile missing",
        [ResultCode.MobileBlacklisted] = "number on the blacklist",
        [ResultCode.ContentMissing] = "content missing",
        [ResultCode.BadCredentials] = "API ID or API KEY wrong",
        [ResultCode.AccountFrozen] = "account frozen",
        [ResultCode.DynamicPasswordExpired] = "dynamic password expired",
        [ResultCode.DynamicPasswordWrong] = "dynamic password wrong",
        [ResultCode.InsufficientCredits] = "not enough credits",
        [ResultCode.IpNotBound] = "caller IP differs from the bound IP",
        [ResultCode.TooManyFailedAttempts] = "too many failed attempts, try again later",
        [ResultCode.BadMobileFormat] = "bad mobile format",
        [ResultCode.SensitiveWords] = "content has sensitive words",
        [ResultCode.BadSignatureFormat] = "bad signature format",
        [ResultCode.NoTemplateFiled] = "no template filed",
        [ResultCode.TemplateMismatch] = "content matches no approved template",
        [ResultCode.VariableTooLong] = "a variable is longer than allowed",
        [ResultCode.ContentTooLong] = "content too long",
        [ResultCode.EmojiInContent] = "emoji in content",
        [ResultCode.SignatureNotApproved] = "signature not approved",
        [ResultCode.OverLimitBlacklisted] = "too many over-limit sends, number blacklisted",
        [ResultCode.PerSecondLimit] = "more than 1 SMS a second to one number",
        [ResultCode.DailyLimitPerNumber] = "daily limit per number reached",
        [ResultCode.VerificationCodesPerNumberPerDay] = "daily verification codes per number reached",
        [ResultCode.TooFrequent] = "too frequent, try again shortly",
        [ResultCode.RangeBlocked] = "number range blocked for this account",
        [ResultCode.RangeVelocity] = "too many sends into one number range",
        [ResultCode.NumberVelocity] = "too many sends to this number",
        [ResultCode.AddressVelocity] = "too many sends from this address",
        [ResultCode.AccountVelocity] = "too many sends from this account",
    };

    /// <summary>"406 bad mobile format", with the limit in force where the vendor's text shows one ("4082 ... (limit 5)").</summary>
    public static string Of(ResultCode code, int? limitInForce = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)code} {(Texts.TryGetValue(code, out var text) ? text : "refused")}{(limitInForce is { } limit ? $" (limit {limit})" : "")}");
}
