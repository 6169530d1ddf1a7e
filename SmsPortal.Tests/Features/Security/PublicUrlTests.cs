using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Security;

/// <summary>Links in mail start with Platform:PublicUrl whatever Host the request that caused them named.</summary>
public sealed class PublicUrlTests() : OwnPortalTests(new Dictionary<string, string?> { ["Platform:PublicUrl"] = PublicUrl })
{
    private const string PublicUrl = "https://sms.example.test/";
    private const string ForgedHost = "http://evil.example:5080";

    [Fact]
    public async Task AForgotPasswordPostWithAForgedHostMailsTheAdminALinkToThePublicUrl()
    {
        var attacker = ClientNaming(ForgedHost);

        var asked = await Forms.SubmitAsync(attacker, "/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = PortalFactory.AdminEmail });

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var link = await People.ConfirmationLinkAsync(Portal.MailFolder, PortalFactory.AdminEmail);
        Assert.StartsWith(PublicUrl + "Account/ResetPassword?code=", link, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", Assert.Single(await MailsToAsync(PortalFactory.AdminEmail)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ARegistrationAndAResentConfirmationWithAForgedHostMailLinksToThePublicUrl()
    {
        var email = $"forged-{Guid.NewGuid():N}@example.com";
        var client = ClientNaming(ForgedHost);

        Assert.Equal(HttpStatusCode.Redirect, (await People.RegisterAsync(client, email, "Forged#2026pw")).StatusCode);
        var first = await People.ConfirmationLinkAsync(Portal.MailFolder, email);
        await Forms.SubmitAsync(client, "/Account/ResendEmailConfirmation", "resend-email-confirmation", new Dictionary<string, string> { ["Input.Email"] = email });

        Assert.StartsWith(PublicUrl + "Account/ConfirmEmail?userId=", first, StringComparison.Ordinal);
        Assert.StartsWith(PublicUrl + "Account/ConfirmEmail?userId=", await People.ConfirmationLinkAsync(Portal.MailFolder, email), StringComparison.Ordinal);
        var mails = await MailsToAsync(email);
        Assert.Equal(2, mails.Count);
        Assert.All(mails, mail => Assert.Contains(PublicUrl + "Account/ConfirmEmail?userId=", mail, StringComparison.Ordinal));
        Assert.All(mails, mail => Assert.DoesNotContain("evil.example", mail, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task InDevelopmentWithoutAPublicUrlLinksStartWithTheListeningAddressNotTheRequestsHost()
    {
        await using var portal = new PortalFactory();
        var listening = portal.StartOnLoopback();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(listening) };
        client.DefaultRequestHeaders.Host = "evil.example:5080";

        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(client, "/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = PortalFactory.AdminEmail })).StatusCode);

        var link = await People.ConfirmationLinkAsync(portal.MailFolder, PortalFactory.AdminEmail);
        Assert.StartsWith(listening + "/Account/ResetPassword?code=", link, StringComparison.Ordinal);
    }

    private HttpClient ClientNaming(string host) =>
        Portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(host), AllowAutoRedirect = false, HandleCookies = true });

    private async Task<List<string>> MailsToAsync(string email)
    {
        var texts = new List<string>();
        foreach (var file in Directory.GetFiles(Portal.MailFolder, "*.eml"))
        {
            var message = await MimeKit.MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => m.Address == email))
            {
                texts.Add(message.HtmlBody + message.TextBody);
            }
        }

        return texts;
    }
}
