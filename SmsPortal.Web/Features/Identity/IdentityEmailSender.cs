using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Mail;

namespace SmsPortal.Web.Features.Identity;

/// <summary>Identity's mails, in the language the person used on the page that caused them.</summary>
internal sealed class IdentityEmailSender(IMailSender mail, IStringLocalizer<IdentityText> text) : IEmailSender<ApplicationUser>
{
    // The links arrive HTML-encoded already (the Identity pages encode them).
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        SendAsync(email, text["Mail.Confirm.Subject"], text["Mail.Confirm.Body"], confirmationLink);

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        SendAsync(email, text["Mail.Reset.Subject"], text["Mail.Reset.Body"], resetLink);

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        mail.SendAsync(new OutgoingMail(email, text["Mail.Reset.Subject"], $"<p>{WebUtility.HtmlEncode(text["Mail.ResetCode.Body"])}</p><p><strong>{WebUtility.HtmlEncode(resetCode)}</strong></p>"), CancellationToken.None);

    private Task SendAsync(string email, string subject, string body, string link) =>
        mail.SendAsync(new OutgoingMail(email, subject, $"<p>{WebUtility.HtmlEncode(body)}</p><p><a href=\"{link}\">{link}</a></p>"), CancellationToken.None);
}
