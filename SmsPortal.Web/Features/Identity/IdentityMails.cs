using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Platform;

namespace SmsPortal.Web.Features.Identity;

/// <summary>
/// The confirmation and reset mails with their links. A link starts with the portal's public address
/// (<see cref="IPublicUrls"/>), never with the Host of the request: whoever posts a form chooses that header.
/// </summary>
internal sealed class IdentityMails(UserManager<ApplicationUser> users, IEmailSender<ApplicationUser> sender, IPublicUrls publicUrls)
{
    public async Task SendConfirmationAsync(ApplicationUser user, string? returnUrl, CancellationToken cancellationToken)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = await LinkAsync(user, "Account/ConfirmEmail", cancellationToken, ("userId", user.Id), ("code", code), ("returnUrl", returnUrl));
        await sender.SendConfirmationLinkAsync(user, user.Email!, HtmlEncoder.Default.Encode(link));
    }

    public async Task SendPasswordResetAsync(ApplicationUser user, CancellationToken cancellationToken) =>
        await sender.SendPasswordResetLinkAsync(user, user.Email!, HtmlEncoder.Default.Encode(await PasswordResetLinkAsync(user, cancellationToken)));

    /// <summary>The set-password link (Identity's reset token: one use, a day at most), on the host of the person's brand; not encoded.</summary>
    public async Task<string> PasswordResetLinkAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        return await LinkAsync(user, "Account/ResetPassword", cancellationToken, ("code", code));
    }

    private async Task<string> LinkAsync(ApplicationUser user, string path, CancellationToken cancellationToken, params (string Name, string? Value)[] query)
    {
        var page = new Uri(await publicUrls.BaseForAsync(user.AccountId, cancellationToken), path).AbsoluteUri;
        return QueryHelpers.AddQueryString(page, query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => KeyValuePair.Create(q.Name, q.Value)));
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
}
