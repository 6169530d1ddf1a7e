using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Mail;
using SmsPortal.Infrastructure.Resellers;

namespace SmsPortal.Web.Features.Identity;

/// <summary>
/// Identity's mails, in the language the person used on the page that caused them, and in the name of the brand the
/// person belongs to: a reseller's people and customers get mail from the reseller (sender and subject), with links
/// on its host name (see IdentityMails and IPublicUrls).
/// </summary>
internal sealed class IdentityEmailSender(IMailSender mail, IStringLocalizer<IdentityText> text, Brands brands) : IEmailSender<ApplicationUser>
{
    // The links arrive HTML-encoded already (the Identity pages encode them).
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        SendAsync(user, email, "Mail.Confirm.Subject", $"<p>{WebUtility.HtmlEncode(text["Mail.Confirm.Body"])}</p><p><a href=\"{confirmationLink}\">{confirmationLink}</a></p>");

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        SendAsync(user, email, "Mail.Reset.Subject", $"<p>{WebUtility.HtmlEncode(text["Mail.Reset.Body"])}</p><p><a href=\"{resetLink}\">{resetLink}</a></p>");

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        SendAsync(user, email, "Mail.Reset.Subject", $"<p>{WebUtility.HtmlEncode(text["Mail.ResetCode.Body"])}</p><p><strong>{WebUtility.HtmlEncode(resetCode)}</strong></p>");

    private async Task SendAsync(ApplicationUser user, string email, string subjectKey, string body)
    {
        var brand = (await brands.ForAccountAsync(user.AccountId, CancellationToken.None))?.DisplayName;
        var subject = string.Format(CultureInfo.CurrentCulture, text[subjectKey], brand ?? "SmsPortal");
        await mail.SendAsync(new OutgoingMail(email, subject, body, brand), CancellationToken.None);
    }
}
