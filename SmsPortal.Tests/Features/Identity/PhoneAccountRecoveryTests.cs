using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Infrastructure.Captcha;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Tests.Features.Verify;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Identity;

/// <summary>
/// A password reset by a code to the confirmed mobile, and a person who signed up by phone adding an e-mail address and a
/// password later, through the pages (the codes through the platform's Verify service and the simulator, as in
/// <see cref="PhoneSignInTests"/>).
/// </summary>
public sealed class PhoneAccountRecoveryTests : IAsyncLifetime
{
    private const string OldPassword = "Old#2026pass";
    private const string NewPassword = "New#2026pass";
    private readonly PortalFactory _portal = new();
    private readonly RecordedCaptchas _captchas = new();
    private PhoneCodePages _pages = default!;

    public Task InitializeAsync()
    {
        _portal.Settings["PhoneSignIn:AccountApiId"] = PortalFactory.DemoApiId;
        _portal.Settings["Channels:Simulator:ReceiptDelayMilliseconds"] = "50";
        _portal.TestServices = services => services.AddSingleton<ICaptchaText>(_captchas);
        _pages = new PhoneCodePages(_portal, _captchas);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task APersonResetsTheirPasswordByACodeToTheirMobileAndTheOldPasswordStopsWorking()
    {
        var (email, mobile) = await PersonWithConfirmedMobileAsync();
        var visitor = _portal.CreateBrowserLikeClient();

        var asked = await _pages.AskForCodeAsync(visitor, PhoneCodePages.ResetPassword, mobile);
        Assert.Equal($"If an account uses {mobile}, a code is on its way to it.", await PhoneCodePages.AlertOfAsync(asked));
        var reset = await PhoneCodePages.EnterCodeAsync(visitor, PhoneCodePages.ResetPassword, asked, await _pages.CodeSentToAsync(mobile), newPassword: NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/Account/ResetPasswordConfirmation", reset.Headers.Location!.AbsolutePath);
        var old = await People.SignInAsync(_portal.CreateBrowserLikeClient(), email, OldPassword);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Equal("The email or password is wrong.", await PhoneCodePages.AlertOfAsync(old));
        var signedIn = await People.SignInAsync(_portal.CreateBrowserLikeClient(), email, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/console", signedIn.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task AWrongCodeOrAPasswordOutsideTheRulesChangesNothingAndLeavesTheCodeUsable()
    {
        var (email, mobile) = await PersonWithConfirmedMobileAsync();
        var before = await PasswordHashOfAsync(email);
        var visitor = _portal.CreateBrowserLikeClient();
        var asked = await _pages.AskForCodeAsync(visitor, PhoneCodePages.ResetPassword, mobile);
        var code = await _pages.CodeSentToAsync(mobile);

        var wrong = await PhoneCodePages.EnterCodeAsync(visitor, PhoneCodePages.ResetPassword, asked, code == "000000" ? "111111" : "000000", newPassword: NewPassword);
        var weak = await PhoneCodePages.EnterCodeAsync(visitor, PhoneCodePages.ResetPassword, wrong, code, newPassword: "short");

        Assert.Equal("The code is wrong.", await PhoneCodePages.AlertOfAsync(wrong));
        Assert.Contains("The password needs at least 8 characters.", await PhoneCodePages.AlertOfAsync(weak), StringComparison.Ordinal);
        Assert.Equal(before, await PasswordHashOfAsync(email));
        Assert.Equal(HttpStatusCode.Redirect, (await People.SignInAsync(_portal.CreateBrowserLikeClient(), email, OldPassword)).StatusCode);

        var reset = await PhoneCodePages.EnterCodeAsync(visitor, PhoneCodePages.ResetPassword, weak, code, newPassword: NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.NotEqual(before, await PasswordHashOfAsync(email));
    }

    [Fact]
    public async Task ACaptchaAnsweredOnceCannotAskForASecondResetCode()
    {
        var (_, mobile) = await PersonWithConfirmedMobileAsync();
        var (_, other) = await PersonWithConfirmedMobileAsync();
        var visitor = _portal.CreateBrowserLikeClient();
        var page = await (await visitor.GetAsync(PhoneCodePages.ResetPassword)).Content.ReadAsStringAsync();
        var answer = _captchas.Last;

        var sent = await Forms.SubmitInAsync(visitor, PhoneCodePages.ResetPassword, page, "phone-send", new Dictionary<string, string> { ["Send.Mobile"] = mobile, ["Send.CaptchaAnswer"] = answer });
        var replayed = await Forms.SubmitInAsync(visitor, PhoneCodePages.ResetPassword, page, "phone-send", new Dictionary<string, string> { ["Send.Mobile"] = other, ["Send.CaptchaAnswer"] = answer });

        Assert.StartsWith("If an account uses", await PhoneCodePages.AlertOfAsync(sent), StringComparison.Ordinal);
        Assert.Equal("The characters do not match the picture. Here is a new one.", await PhoneCodePages.AlertOfAsync(replayed));
        await _pages.CodeSentToAsync(mobile);
        Assert.Equal(0, await _pages.MessagesToAsync(other));
    }

    [Fact]
    public async Task ANumberWithoutAnAccountGetsTheSameAnswerButNoSmsAndNoCodeWorksForIt()
    {
        var (_, known) = await PersonWithConfirmedMobileAsync();
        var stranger = VerifyRestClient.NewMobile();
        var visitor = _portal.CreateBrowserLikeClient();

        var forKnown = await _pages.AskForCodeAsync(_portal.CreateBrowserLikeClient(), PhoneCodePages.ResetPassword, known);
        var forStranger = await _pages.AskForCodeAsync(visitor, PhoneCodePages.ResetPassword, stranger);
        var guessed = await PhoneCodePages.EnterCodeAsync(visitor, PhoneCodePages.ResetPassword, forStranger, "123456", newPassword: NewPassword);

        Assert.Equal((await PhoneCodePages.AlertOfAsync(forKnown)).Replace(known, stranger, StringComparison.Ordinal), await PhoneCodePages.AlertOfAsync(forStranger));
        Assert.Equal("The code is wrong.", await PhoneCodePages.AlertOfAsync(guessed));
        await _pages.CodeSentToAsync(known);
        Assert.Equal(0, await _pages.MessagesToAsync(stranger));
        Assert.Equal(0, await _portal.QueryAsync(db => db.Users.CountAsync(u => u.PhoneNumber == "+86" + stranger)));
    }

    [Fact]
    public async Task AfterAResetByPhoneAPersonWithAnAuthenticatorAppStillNeedsIt()
    {
        var (email, mobile) = await PersonWithConfirmedMobileAsync();
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        var visitor = _portal.CreateBrowserLikeClient();
        var asked = await _pages.AskForCodeAsync(visitor, PhoneCodePages.ResetPassword, mobile);
        var reset = await PhoneCodePages.EnterCodeAsync(visitor, PhoneCodePages.ResetPassword, asked, await _pages.CodeSentToAsync(mobile), newPassword: NewPassword);
        var signedIn = await People.SignInAsync(_portal.CreateBrowserLikeClient(), email, NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("Account/LoginWith2fa", signedIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APersonWhoSignedUpByPhoneAddsAnEmailAndAPasswordAndThenSignsInWithThem()
    {
        var mobile = VerifyRestClient.NewMobile();
        var client = await _pages.SignedUpAsync(mobile);
        var email = $"phone-{Guid.NewGuid():N}@example.com";

        var added = await Forms.SubmitAsync(client, "/Account/Manage", "add-email", new Dictionary<string, string> { ["EmailInput.Email"] = email });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal($"We sent a confirmation link to {email}. Open it to sign in with this address.", await PhoneCodePages.AlertOfAsync(await client.GetAsync("/Account/Manage")));
        var confirmed = await client.GetAsync(new Uri(await People.ConfirmationLinkAsync(_portal.MailFolder, email)).PathAndQuery);
        Assert.Contains("data-testid=\"confirm-email-success\"", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var passwordPage = new HtmlParser().ParseDocument(await client.GetStringAsync("/Account/Manage/ChangePassword"));
        Assert.Equal("Set a password", passwordPage.QuerySelector("h1")!.TextContent.Trim());
        Assert.Null(passwordPage.QuerySelector("[name='Input.OldPassword']"));
        var set = await Forms.SubmitAsync(client, "/Account/Manage/ChangePassword", "change-password", new Dictionary<string, string> { ["Input.NewPassword"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("Your password has been set.", await PhoneCodePages.AlertOfAsync(await client.GetAsync("/Account/Manage/ChangePassword")));

        var signedIn = await People.SignInAsync(_portal.CreateBrowserLikeClient(), email, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/console", signedIn.Headers.Location!.AbsolutePath);
        var user = await _portal.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.PhoneNumber == "+86" + mobile));
        Assert.Equal(email, user.Email);
        Assert.True(user.EmailConfirmed);
    }

    [Fact]
    public async Task AnEmailAddressThatAnotherPersonHasIsRefused()
    {
        var taken = $"taken-{Guid.NewGuid():N}@example.com";
        await People.RegisteredCustomerAsync(_portal, taken, OldPassword);
        var mobile = VerifyRestClient.NewMobile();
        var client = await _pages.SignedUpAsync(mobile);

        await Forms.SubmitAsync(client, "/Account/Manage", "add-email", new Dictionary<string, string> { ["EmailInput.Email"] = taken });

        Assert.Equal($"The email '{taken}' is already registered.", await PhoneCodePages.AlertOfAsync(await client.GetAsync("/Account/Manage")));
        var user = await _portal.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.PhoneNumber == "+86" + mobile));
        Assert.Null(user.Email);
    }

    /// <summary>A person registered by e-mail whose mobile is confirmed (as a phone sign-up or, later, a profile would make it).</summary>
    private async Task<(string Email, string Mobile)> PersonWithConfirmedMobileAsync()
    {
        var email = $"reset-{Guid.NewGuid():N}@example.com";
        var mobile = VerifyRestClient.NewMobile();
        await People.RegisteredCustomerAsync(_portal, email, OldPassword);
        await _portal.QueryAsync(db => db.Users.Where(u => u.Email == email)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.PhoneNumber, "+86" + mobile).SetProperty(x => x.PhoneNumberConfirmed, true)));
        return (email, mobile);
    }

    private Task<string?> PasswordHashOfAsync(string email) =>
        _portal.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync());
}
