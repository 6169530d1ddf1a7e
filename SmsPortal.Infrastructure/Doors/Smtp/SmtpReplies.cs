using SmsPortal.Domain.Sending;
using SmtpServer.Protocol;

namespace SmsPortal.Infrastructure.Doors.Smtp;

/// <summary>
/// The door's SMTP answers. A refusal that is the vendor's carries its code after the enhanced status code, with the
/// code's text in English (<c>553 5.1.3 406 bad mobile format</c>): a customer reads in the SMTP log the code the HTTP
/// API would have answered; reply lines are ASCII, so the vendor's Chinese text goes in the reply mail.
/// </summary>
internal static class SmtpReplies
{
    public static SmtpResponseException Refuse(int replyCode, string enhanced, string text) =>
        new(new SmtpResponse((SmtpReplyCode)replyCode, $"{enhanced} {text}"));

    public static SmtpResponseException Refuse(int replyCode, string enhanced, ResultCode code, int? limitInForce = null) =>
        Refuse(replyCode, enhanced, Vendor(code, limitInForce));

    public static string Vendor(ResultCode code, int? limitInForce = null) => SmtpResultTexts.Of(code, limitInForce);

    public static SmtpResponseException AuthenticationRequired() =>
        Refuse(530, "5.7.0", "authentication required: AUTH with the API ID and API key, or send from an allowed sender address at a bound IP");

    public static SmtpResponseException RelayDenied(string domain) =>
        Refuse(550, "5.7.1", $"relaying denied: only <mobile>@{domain} is accepted here");

    public static SmtpResponseException TooManyRecipients(int max) =>
        Refuse(452, "4.5.3", $"too many recipients: at most {max} numbers in one mail");

    public static SmtpResponseException TooLarge(int max) =>
        Refuse(552, "5.3.4", $"message too big: at most {max} bytes");

    /// <summary>The SMTP reply code for a submission refused at RCPT or DATA: the number's faults are mailbox faults, the rest policy.</summary>
    public static (int Reply, string Enhanced) For(ResultCode code) => code switch
    {
        ResultCode.MobileMissing or ResultCode.BadMobileFormat or ResultCode.MobileBlacklisted => (553, "5.1.3"),
        ResultCode.AccountFrozen or ResultCode.IpNotAllowed or ResultCode.IpNotBound or ResultCode.BadCredentials or ResultCode.TooManyFailedAttempts => (550, "5.7.1"),
        ResultCode.ContentMissing or ResultCode.ContentTooLong or ResultCode.SensitiveWords or ResultCode.EmojiInContent => (554, "5.6.0"),
        _ => (554, "5.7.0"),
    };
}
