using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Resellers;

/// <summary>
/// A reseller creates a customer for a person (REST, the service the console's page calls too): the person becomes the
/// customer's user and is mailed, in the reseller's name, a link on the reseller's host to set a password. The link
/// works once; the person then signs in there and sees the reseller's brand. The platform's name is nowhere.
/// </summary>
public sealed class ResellerInvitationTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private const string Password = "Invited#2026";

    private PortalFactory Portal => fixture.Portal;

    private HttpClient On(string host) =>
        Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri($"http://{host}") });

    [Fact]
    public async Task TheInvitedPersonSetsAPasswordOnceOnTheResellersHostAndSignsInToItsBrand()
    {
        var (reseller, host) = await ResellerWorld.NewResellerAsync(Portal, 100, trialCredits: 10, name: "闽信通讯");
        var email = $"invited-{Guid.NewGuid():N}@example.com";

        var answer = await ResellerWorld.Api(Portal, reseller).SendAsync(HttpMethod.Post, "/api/v1/customers", new { name = "福州茶叶行", email });

        Assert.True(answer.Status == HttpStatusCode.Created, answer.ToString());
        Assert.Equal(email, answer.Body.GetProperty("invitedEmail").GetString());
        var apiId = answer.Body.GetProperty("apiId").GetString()!;
        var account = await Portal.QueryAsync(db => db.Accounts.Where(a => a.ApiId == apiId).Select(a => new { a.Id, a.ParentAccountId }).SingleAsync());
        Assert.Equal(reseller.Id, account.ParentAccountId);
        var user = (await People.FindAsync(Portal, email))!;
        Assert.Equal((account.Id, true, false), (user.AccountId, user.IsAccountOwner, user.EmailConfirmed));

        // The mail: the reseller's name as sender and in the subject, the link on its host, nothing of the platform.
        var mail = await MailToAsync(email);
        Assert.Equal("闽信通讯", Assert.Single(mail.From.Mailboxes).Name);
        Assert.Contains("闽信通讯", mail.Subject, StringComparison.Ordinal);
        foreach (var text in new[] { mail.Subject, mail.HtmlBody, string.Join(' ', mail.From.Mailboxes.Select(m => m.Name)) })
        {
            Assert.DoesNotContain("SmsPortal", text, StringComparison.OrdinalIgnoreCase);
        }

        var link = new Uri(await People.ConfirmationLinkAsync(Portal.MailFolder, email));
        Assert.Equal(host, link.Host);
        Assert.StartsWith("/Account/ResetPassword?code=", link.PathAndQuery, StringComparison.Ordinal);

        // Before the password is set, nobody signs in as the person.
        var person = On(host);
        Assert.NotEqual(HttpStatusCode.Redirect, (await People.SignInAsync(person, email, Password)).StatusCode);

        var set = await SetPasswordAsync(person, link, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Contains("ResetPasswordConfirmation", set.Headers.Location!.OriginalString, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await People.SignInAsync(person, email, Password)).StatusCode);
        using var console = await person.GetAsync("/console");
        var html = WebUtility.HtmlDecode(await console.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        Assert.Contains("闽信通讯", html, StringComparison.Ordinal);
        Assert.Contains(apiId, html, StringComparison.Ordinal);
        Assert.DoesNotContain("SmsPortal", html, StringComparison.Ordinal);

        // The link works once: again, it is refused and the password stays.
        var again = await SetPasswordAsync(On(host), link, email, "Another#2026");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("data-testid=\"reset-errors\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Redirect, (await People.SignInAsync(On(host), email, "Another#2026")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await People.SignInAsync(On(host), email, Password)).StatusCode);
    }

    [Fact]
    public async Task AnInvalidOrTakenAddressIsRefusedAndMakesNoCustomerNorPersonNorMail()
    {
        var (reseller, _) = await ResellerWorld.NewResellerAsync(Portal, 100, trialCredits: 10, name: "Agent Invite");
        var taken = $"taken-{Guid.NewGuid():N}@example.com";
        await People.RegisteredCustomerAsync(Portal, taken);
        var api = ResellerWorld.Api(Portal, reseller);
        var mails = Directory.GetFiles(Portal.MailFolder, "*.eml").Length;
        var before = await ResellerWorld.CountsAsync(Portal);
        var people = await Portal.QueryAsync(db => db.Users.CountAsync());

        foreach (var (email, error) in new[] { ("not-an-address", "Invitation.Error.Email"), (taken, "Invitation.Error.Taken"), (taken.ToUpperInvariant(), "Invitation.Error.Taken") })
        {
            var answer = await api.SendAsync(HttpMethod.Post, "/api/v1/customers", new { name = "Refused Co", email });
            Assert.True(answer.Status == HttpStatusCode.BadRequest, answer.ToString());
            Assert.Equal(error, answer.Error);
            Assert.False(string.IsNullOrWhiteSpace(answer.Title));
            Assert.NotEqual(error, answer.Title);
        }

        Assert.Equal(before, await ResellerWorld.CountsAsync(Portal));
        Assert.Equal(people, await Portal.QueryAsync(db => db.Users.CountAsync()));
        Assert.Equal(mails, Directory.GetFiles(Portal.MailFolder, "*.eml").Length);
    }

    private async Task<MimeMessage> MailToAsync(string email)
    {
        foreach (var file in new DirectoryInfo(Portal.MailFolder).GetFiles("*.eml"))
        {
            var message = await MimeMessage.LoadAsync(file.FullName);
            if (message.To.Mailboxes.Any(m => m.Address == email))
            {
                return message;
            }
        }

        throw new InvalidOperationException($"No mail to {email}.");
    }

    private static Task<HttpResponseMessage> SetPasswordAsync(HttpClient client, Uri link, string email, string password) =>
        Forms.SubmitAsync(client, link.PathAndQuery, "reset-password", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
}
