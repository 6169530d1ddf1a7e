using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmsPortal.Infrastructure.Captcha;
using SmsPortal.Tests.Features.Verify;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Browser;

/// <summary>
/// A visitor opens a trial account with a mobile number and signs in again by code, in English and in Chinese. The
/// captcha is typed from the test portal's <see cref="RecordedCaptchas"/> (the portal itself hands no answer out); the
/// SMS code is read from the message the simulator delivered.
/// </summary>
[Trait("Category", "Browser")]
public sealed class PhoneSignUpJourneyTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();
    private readonly RecordedCaptchas _captchas = new();

    public async Task InitializeAsync()
    {
        _session.Portal.Settings["PhoneSignIn:AccountApiId"] = PortalFactory.DemoApiId;
        _session.Portal.Settings["Channels:Simulator:ReceiptDelayMilliseconds"] = "50";
        var errors = _session.Portal.TestServices;
        _session.Portal.TestServices = services =>
        {
            errors?.Invoke(services);
            services.AddSingleton<ICaptchaText>(_captchas);
        };
        await _session.InitializeAsync();
    }

    public Task DisposeAsync() => _session.DisposeAsync();

    [Theory]
    [InlineData("en-US", "en", "Open a trial account", "Sign in with a code")]
    [InlineData("zh-CN", "zh", "开通试用账户", "短信验证码登录")]
    public async Task AVisitorSignsUpByPhoneWithTheCaptchaAndSignsInAgainByCode(string locale, string suffix, string signUpTitle, string signInTitle)
    {
        var mobile = VerifyRestClient.NewMobile();
        var sms = new PhoneCodePages(_session.Portal, _captchas);
        var page = await _session.NewPageAsync(locale);

        await page.GotoAsync("/Account/Register");
        await page.ClickAsync("[data-testid=register-by-phone]");
        await page.WaitForURLAsync("**/Account/RegisterByPhone");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(signUpTitle);
        await Assertions.Expect(page.Locator("[data-testid=captcha-image]")).ToHaveJSPropertyAsync("naturalWidth", 180);
        await page.FillAsync("#Send\\.Mobile", mobile);
        await page.FillAsync("#Send\\.CaptchaAnswer", _captchas.Last.ToLowerInvariant());
        await Shot(page, $"phone-signup-captcha-{suffix}");
        await page.ClickAsync("[data-testid=phone-send-submit]");
        await Assertions.Expect(page.Locator("#Code\\.Code")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=status-message]")).ToContainTextAsync(mobile);
        await page.FillAsync("#Code\\.Company", "Journey " + suffix);
        await page.FillAsync("#Code\\.Code", await sms.CodeSentToAsync(mobile));
        await Shot(page, $"phone-signup-code-{suffix}");
        await page.ClickAsync("[data-testid=phone-code-submit]");
        await page.WaitForURLAsync("**/console");
        await BrowserSession.InteractiveAsync(page);
        await Shot(page, $"phone-signup-console-{suffix}");

        var again = await _session.NewPageAsync(locale);
        await again.GotoAsync("/Account/Login");
        await again.ClickAsync("[data-testid=login-by-phone]");
        await again.WaitForURLAsync("**/Account/LoginByPhone");
        await Assertions.Expect(again.Locator("h1")).ToHaveTextAsync(signInTitle);
        await again.FillAsync("#Send\\.Mobile", mobile);
        await again.FillAsync("#Send\\.CaptchaAnswer", "WRONG");
        await again.ClickAsync("[data-testid=phone-send-submit]");
        await Assertions.Expect(again.Locator("[data-testid=status-message]")).ToBeVisibleAsync();
        await Shot(again, $"phone-signin-wrong-captcha-{suffix}");
        await again.FillAsync("#Send\\.Mobile", mobile);
        await again.FillAsync("#Send\\.CaptchaAnswer", _captchas.Last);
        await again.ClickAsync("[data-testid=phone-send-submit]");
        await Assertions.Expect(again.Locator("#Code\\.Code")).ToBeVisibleAsync();
        await again.FillAsync("#Code\\.Code", await sms.CodeSentToAsync(mobile));
        await Shot(again, $"phone-signin-code-{suffix}");
        await again.ClickAsync("[data-testid=phone-code-submit]");
        await again.WaitForURLAsync("**/console");
        await BrowserSession.InteractiveAsync(again);

        Assert.Empty(_session.Errors.Lines);
    }

    private static async Task Shot(IPage page, string name)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await BrowserSession.ScreenshotAsync(page, name);
    }
}
