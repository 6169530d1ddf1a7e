using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Infrastructure.Captcha;
using SmsPortal.Tests.Features.Verify;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Identity;

/// <summary>
/// Sign-up and sign-in by phone through the pages, with the SMS sent by the platform's own account (the demo account
/// here) through its Verify service and delivered by the simulator; the captcha is answered from the test's record.
/// </summary>
public sealed class PhoneSignInTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private readonly RecordedCaptchas _captchas = new();
    private PhoneCodePages _pages = default!;

    public Task InitializeAsync()
    {
        _portal.Settings["PhoneSignIn:AccountApiId"] = PortalFactory.DemoApiId;
        _portal.Settings["PhoneSignIn:PerAddressPerHour"] = "3";
        _portal.Settings["Channels:Simulator:ReceiptDelayMilliseconds"] = "50";
        // A person who signs up and signs in again within the same second would meet the vendor's one SMS a second to
        // a number (4080): people take longer than a test, and that rule is not what these tests are about.
        _portal.Settings["Sending:Limits:MaxPerNumberPerSecond"] = "5";
        _portal.TestServices = services => services.AddSingleton<ICaptchaText>(_captchas);
        _pages = new PhoneCodePages(_portal, _captchas);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task AVisitorOpensATrialAccountByPhoneAndThenSignsInByCode()
    {
        var mobile = VerifyRestClient.NewMobile();
        var visitor = _portal.CreateBrowserLikeClient();

        var asked = await _pages.AskForCodeAsync(visitor, PhoneCodePages.SignUp, mobile);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("We sent a code to " + mobile, await PhoneCodePages.AlertOfAsync(asked), StringComparison.Ordinal);
        var opened = await PhoneCodePages.EnterCodeAsync(visitor, PhoneCodePages.SignUp, asked, await _pages.CodeSentToAsync(mobile), company: "Phone Trial Ltd");

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/console", opened.Headers.Location!.AbsolutePath);
        var user = await _portal.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.PhoneNumber == "+86" + mobile));
        Assert.True(user.PhoneNumberConfirmed);
        Assert.Null(user.Email);
        Assert.Null(user.PasswordHash);
        var account = await _portal.QueryAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == user.AccountId));
        Assert.Equal("Phone Trial Ltd", account.Name);
        Assert.Equal(50, await _portal.CheckedBalanceAsync(account.Id));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/console")).StatusCode);

        // Later, on another device: a code instead of a password.
        var returning = _portal.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await returning.GetAsync("/console")).StatusCode);
        var askedAgain = await _pages.AskForCodeAsync(returning, PhoneCodePages.SignIn, mobile);
        var wrong = await PhoneCodePages.EnterCodeAsync(returning, PhoneCodePages.SignIn, askedAgain, "000000");
        var code = await _pages.CodeSentToAsync(mobile);
        Assert.Equal("The code is wrong.", await PhoneCodePages.AlertOfAsync(wrong));
        var signedIn = await PhoneCodePages.EnterCodeAsync(returning, PhoneCodePages.SignIn, wrong, code);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/console", signedIn.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await returning.GetAsync("/console")).StatusCode);
    }

    [Fact]
    public async Task AWrongCaptchaAnswerIsRefusedSendsNothingAndShowsANewPicture()
    {
        var mobile = VerifyRestClient.NewMobile();
        var visitor = _portal.CreateBrowserLikeClient();

        var refused = await _pages.AskForCodeAsync(visitor, PhoneCodePages.SignUp, mobile, answer => answer == "22222" ? "33333" : "22222");
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal("The characters do not match the picture. Here is a new one.", await PhoneCodePages.AlertOfAsync(refused));
        Assert.Equal(2, _captchas.Issued);
        Assert.Contains("name=\"Send.CaptchaToken\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await _pages.MessagesToAsync(mobile));
    }

    [Fact]
    public async Task ACaptchaIsCheckedOnceSoARightAnswerCannotBeReplayed()
    {
        var visitor = _portal.CreateBrowserLikeClient();
        var page = await (await visitor.GetAsync(PhoneCodePages.SignUp)).Content.ReadAsStringAsync();
        var answer = _captchas.Last;
        var (first, second) = (VerifyRestClient.NewMobile(), VerifyRestClient.NewMobile());

        var sent = await Forms.SubmitInAsync(visitor, PhoneCodePages.SignUp, page, "phone-send", new Dictionary<string, string> { ["Send.Mobile"] = first, ["Send.CaptchaAnswer"] = answer });
        var replayed = await Forms.SubmitInAsync(visitor, PhoneCodePages.SignUp, page, "phone-send", new Dictionary<string, string> { ["Send.Mobile"] = second, ["Send.CaptchaAnswer"] = answer });

        Assert.Contains("We sent a code", await PhoneCodePages.AlertOfAsync(sent), StringComparison.Ordinal);
        Assert.Equal("The characters do not match the picture. Here is a new one.", await PhoneCodePages.AlertOfAsync(replayed));
        Assert.Equal(1, await _pages.MessagesToAsync(first));
        Assert.Equal(0, await _pages.MessagesToAsync(second));
    }

    [Fact]
    public async Task EveryVisitGetsANewCaptchaWhosePictureOnlyItsTokenOpens()
    {
        var visitor = _portal.CreateBrowserLikeClient();
        var one = PhoneCodePages.TokenIn(await (await visitor.GetAsync(PhoneCodePages.SignIn)).Content.ReadAsStringAsync());
        var two = PhoneCodePages.TokenIn(await (await visitor.GetAsync(PhoneCodePages.SignIn)).Content.ReadAsStringAsync());

        var picture = await visitor.GetAsync("/Account/Captcha?t=" + Uri.EscapeDataString(one));
        var other = await visitor.GetAsync("/Account/Captcha?t=" + Uri.EscapeDataString(two));
        var forged = await visitor.GetAsync("/Account/Captcha?t=" + Uri.EscapeDataString(one[..^4] + "AAAA"));

        Assert.NotEqual(one, two);
        Assert.Equal(2, _captchas.Issued);
        Assert.Equal("image/png", picture.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", picture.Headers.CacheControl!.ToString());
        var (a, b) = (await picture.Content.ReadAsByteArrayAsync(), await other.Content.ReadAsByteArrayAsync());
        Assert.Equal(0x89, a[0]);
        Assert.NotEqual(a, b);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Fact]
    public async Task ASecondCodeToOneNumberWithinTheGapIsRefused()
    {
        var mobile = VerifyRestClient.NewMobile();

        await _pages.AskForCodeAsync(_portal.CreateBrowserLikeClient(), PhoneCodePages.SignUp, mobile);
        var again = await _pages.AskForCodeAsync(_portal.CreateBrowserLikeClient(), PhoneCodePages.SignUp, mobile);

        Assert.StartsWith("A code went to this number less than a minute ago. Try again in", await PhoneCodePages.AlertOfAsync(again), StringComparison.Ordinal);
        Assert.Equal(1, await _pages.MessagesToAsync(mobile));
    }

    [Fact]
    public async Task OneClientAddressGetsOnlyItsShareOfCodesAnHour()
    {
        var crowded = _portal.CreateBrowserLikeClient();
        crowded.DefaultRequestHeaders.Add(TestClientAddress.Header, "10.20.30.40");
        var elsewhere = _portal.CreateBrowserLikeClient();
        elsewhere.DefaultRequestHeaders.Add(TestClientAddress.Header, "10.20.30.41");
        var numbers = Enumerable.Range(0, 5).Select(_ => VerifyRestClient.NewMobile()).ToList();

        var alerts = new List<string>();
        foreach (var number in numbers.Take(4))
        {
            alerts.Add(await PhoneCodePages.AlertOfAsync(await _pages.AskForCodeAsync(crowded, PhoneCodePages.SignUp, number)));
        }

        var other = await _pages.AskForCodeAsync(elsewhere, PhoneCodePages.SignUp, numbers[4]);

        Assert.All(alerts.Take(3), a => Assert.StartsWith("We sent a code", a, StringComparison.Ordinal));
        Assert.Equal("Too many codes were asked for from your network this hour. Try again later.", alerts[3]);
        Assert.Equal(0, await _pages.MessagesToAsync(numbers[3]));
        Assert.StartsWith("We sent a code", await PhoneCodePages.AlertOfAsync(other), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANumberThatHasAnAccountCannotOpenAnotherAndSignInSendsNothingToUnknownNumbers()
    {
        var mobile = VerifyRestClient.NewMobile();
        var first = _portal.CreateBrowserLikeClient();
        var asked = await _pages.AskForCodeAsync(first, PhoneCodePages.SignUp, mobile);
        await PhoneCodePages.EnterCodeAsync(first, PhoneCodePages.SignUp, asked, await _pages.CodeSentToAsync(mobile), company: "First Ltd");
        var stranger = VerifyRestClient.NewMobile();

        var second = await _pages.AskForCodeAsync(_portal.CreateBrowserLikeClient(), PhoneCodePages.SignUp, mobile);
        var unknown = await _pages.AskForCodeAsync(_portal.CreateBrowserLikeClient(), PhoneCodePages.SignIn, stranger);

        Assert.Equal("This number already has an account: sign in with a code instead.", await PhoneCodePages.AlertOfAsync(second));
        Assert.Equal(1, await _portal.QueryAsync(db => db.Users.CountAsync(u => u.PhoneNumber == "+86" + mobile)));
        Assert.Equal($"If an account uses {stranger}, a code is on its way to it.", await PhoneCodePages.AlertOfAsync(unknown));
        Assert.Equal(0, await _pages.MessagesToAsync(stranger));
    }
}
