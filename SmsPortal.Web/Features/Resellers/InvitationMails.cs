using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Mail;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Web.Features.Identity;

namespace SmsPortal.Web.Features.Resellers;

/// <summary>
/// The mail that invites a person to the customer account its reseller made for them: in the reseller's name (sender
/// and subject), with the set-password link on the reseller's host (<see cref="IdentityMails"/>). The link carries
/// Identity's password-reset token, so it works once and expires with the token.
/// </summary>
internal sealed class InvitationMails(IdentityMails links, IMailSender mail, Brands brands, IStringLocalizer<InvitationText> text)
{
    public async Task SendAsync(ApplicationUser user, string accountName, CancellationToken cancellationToken)
    {
        var brand = await brands.ForAccountAsync(user.AccountId, cancellationToken)
            ?? throw new InvalidOperationException($"Account {user.AccountId} has no reseller to invite in the name of.");
        var link = HtmlEncoder.Default.Encode(await links.PasswordResetLinkAsync(user, cancellationToken));
        var subject = string.Format(CultureInfo.CurrentCulture, text["Invitation.Mail.Subject"], brand.DisplayName);
        var body = $"<p>{WebUtility.HtmlEncode(string.Format(CultureInfo.CurrentCulture, text["Invitation.Mail.Body"], brand.DisplayName, accountName))}</p><p><a href=\"{link}\">{link}</a></p>";
        await mail.SendAsync(new OutgoingMail(user.Email!, subject, body, brand.DisplayName), cancellationToken);
    }
}
