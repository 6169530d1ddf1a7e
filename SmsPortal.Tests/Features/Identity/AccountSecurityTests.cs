using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Identity;

public sealed partial class AccountSecurityTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task APersonResetsAForgottenPasswordThroughTheMailedLink()
    {
        var email = $"reset-{Guid.NewGuid():N}@example.com";
        (await People.RegisteredCustomerAsync(Portal, email, "Before#2026pw")).Dispose();
        var client = Portal.CreateBrowserLikeClient();

        var asked = await Forms.SubmitAsync(client, "/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var link = await People.ConfirmationLinkAsync(Portal.MailFolder, email);
        Assert.Contains("Account/ResetPassword", link, StringComparison.Ordinal);

        var reset = await Forms.SubmitAsync(client, new Uri(link).PathAndQuery, "reset-password", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "After#2026pw",
            ["Input.ConfirmPassword"] = "After#2026pw",
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await People.SignInAsync(Portal.CreateBrowserLikeClient(), email, "Before#2026pw")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await People.SignInAsync(Portal.CreateBrowserLikeClient(), email, "After#2026pw")).StatusCode);
    }

    [Fact]
    public async Task ForgotPasswordDoesNotTellWhetherAnEmailIsRegistered()
    {
        var client = Portal.CreateBrowserLikeClient();

        var unknown = await Forms.SubmitAsync(client, "/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = $"nobody-{Guid.NewGuid():N}@example.com" });

        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        Assert.Contains("ForgotPasswordConfirmation", unknown.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAnAuthenticatorAppSignInAsksForItsCode()
    {
        var email = $"totp-{Guid.NewGuid():N}@example.com";
        var client = await People.RegisteredCustomerAsync(Portal, email, "Totp#2026pass");
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/Account/Manage/EnableAuthenticator"));
        var key = page.QuerySelector("[data-testid=shared-key]")!.TextContent;

        var enabled = await Forms.SubmitAsync(client, "/Account/Manage/EnableAuthenticator", "send-code", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.True(enabled.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect);

        var fresh = Portal.CreateBrowserLikeClient();
        var password = await People.SignInAsync(fresh, email, "Totp#2026pass");
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.Contains("Account/LoginWith2fa", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.GetAsync("/console")).StatusCode);

        var wrong = await Forms.SubmitAsync(fresh, ToPath(password.Headers.Location!), "login-with-2fa", new Dictionary<string, string> { ["Input.TwoFactorCode"] = "000000" == Totp.Code(key, DateTimeOffset.UtcNow) ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var right = await Forms.SubmitAsync(fresh, ToPath(password.Headers.Location!), "login-with-2fa", new Dictionary<string, string> { ["Input.TwoFactorCode"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/console")).StatusCode);
    }

    [Fact]
    public async Task ASignedInPersonChangesTheirPasswordAndSignsOut()
    {
        var email = $"change-{Guid.NewGuid():N}@example.com";
        var client = await People.RegisteredCustomerAsync(Portal, email, "Old#2026pass");

        var changed = await Forms.SubmitAsync(client, "/Account/Manage/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = "Old#2026pass",
            ["Input.NewPassword"] = "New#2026pass",
            ["Input.ConfirmPassword"] = "New#2026pass",
        });
        Assert.True(changed.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{changed.StatusCode}");

        var console = await client.GetStringAsync("/Account/Manage/ChangePassword");
        var token = TokenPattern().Match(console).Groups[1].Value;
        var signedOut = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["ReturnUrl"] = "" }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/console")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await People.SignInAsync(Portal.CreateBrowserLikeClient(), email, "New#2026pass")).StatusCode);
    }

    private static string ToPath(Uri location) =>
        location.IsAbsoluteUri ? location.PathAndQuery : "/" + location.OriginalString.TrimStart('/');

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
