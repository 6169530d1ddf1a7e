using System.Globalization;
using System.Net;
using System.Text;
using SmsPortal.Infrastructure.Mail;

namespace SmsPortal.Infrastructure.Doors.Smtp;

/// <summary>
/// The reply to a mail whose numbers were not all accepted: every number with its vendor code and text (and the smsid
/// of the accepted ones), in Chinese and English, sent to the mail's sender through <see cref="MailReplyOutbox"/>: kept
/// before the mail is answered, and tried again while the mail server refuses it.
/// </summary>
internal sealed class SmtpDoorReplyMail(MailReplyOutbox outbox)
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
        await outbox.SendAsync(new OutgoingMail(to, $"短信提交结果 / SMS submission result: {accepted}/{outcomes.Count}", html.ToString()));
    }
}
