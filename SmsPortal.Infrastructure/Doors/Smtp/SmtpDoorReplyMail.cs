using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using SmsPortal.Infrastructure.Mail;

namespace SmsPortal.Infrastructure.Doors.Smtp;

/// <summary>
/// The reply to a mail whose numbers were not all accepted: every number with its vendor code and text (and the smsid
/// of the accepted ones), in Chinese and English, sent to the mail's sender through the platform's mail sender.
/// </summary>
internal sealed partial class SmtpDoorReplyMail(IMailSender mail, ILogger<SmtpDoorReplyMail> logger)
{
    public async Task SendAsync(string to, string? subject, IReadOnlyList<SmtpRecipientOutcome> outcomes)
    {
        if (to.Length == 0)
        {
            return;
        }

        var accepted = outcomes.Count(o => o.Result.IsAccepted);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<p>您的邮件“{WebUtility.HtmlEncode(subject ?? "")}”中 {outcomes.Count} 个号码有 {accepted} 个提交成功，其余未发送。</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Of the {outcomes.Count} numbers of your mail, {accepted} were accepted; the others were not sent.</p>");
        html.Append("<table><tr><th>号码 / number</th><th>code</th><th>msg</th><th>smsid</th></tr>");
        foreach (var outcome in outcomes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(outcome.Mobile)}</td><td>{(int)outcome.Result.Code}</td><td>{WebUtility.HtmlEncode(outcome.Result.Message)}</td><td>{outcome.Result.SmsId}</td></tr>");
        }

        html.Append("</table>");
        try
        {
            await mail.SendAsync(new OutgoingMail(to, $"短信提交结果 / SMS submission result: {accepted}/{outcomes.Count}", html.ToString()), CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or MailKit.CommandException or MailKit.ProtocolException or System.Net.Sockets.SocketException or FormatException)
        {
            // The accepted numbers are committed either way; a reply that cannot go is logged, not retried.
            LogReplyFailed(logger, to, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The submission result mail to {To} could not be sent")]
    private static partial void LogReplyFailed(ILogger logger, string to, Exception exception);
}
