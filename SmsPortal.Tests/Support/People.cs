using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmsPortal.Infrastructure.Identity;

namespace SmsPortal.Tests.Support;

/// <summary>People going through the portal's own pages.</summary>
public static partial class People
{
    public static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string password, string company = "Acme Ltd") =>
        Forms.SubmitAsync(client, "/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.Company"] = company,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        Forms.SubmitAsync(client, "/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    /// <summary>The confirmation link of the newest mail to <paramref name="email"/> in the pickup folder.</summary>
    public static async Task<string> ConfirmationLinkAsync(string mailFolder, string email)
    {
        foreach (var file in new DirectoryInfo(mailFolder).GetFiles("*.eml").OrderByDescending(f => f.Name))
        {
            var message = await MimeMessage.LoadAsync(file.FullName);
            if (message.To.Mailboxes.Any(m => m.Address == email))
            {
                var href = HrefPattern().Match(message.HtmlBody ?? "");
                Assert.True(href.Success, "The confirmation mail has a link.");
                return WebUtility.HtmlDecode(href.Groups[1].Value);
            }
        }

        throw new InvalidOperationException($"No mail to {email} in {mailFolder}.");
    }

    /// <summary>Registers through the pages, confirms through the mailed link, and returns a client that is signed in.</summary>
    public static async Task<HttpClient> RegisteredCustomerAsync(PortalFactory portal, string email, string password = "Customer#2026", string company = "Acme Ltd")
    {
        var client = portal.CreateBrowserLikeClient();
        var registered = await RegisterAsync(client, email, password, company);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var link = await ConfirmationLinkAsync(portal.MailFolder, email);
        var confirmed = await client.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var signedIn = await SignInAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    public static async Task<ApplicationUser?> FindAsync(PortalFactory portal, string email)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex HrefPattern();
}
