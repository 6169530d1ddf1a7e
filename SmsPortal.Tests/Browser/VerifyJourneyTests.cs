using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmsPortal.Tests.Features.Verify;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Browser;

/// <summary>
/// A customer in Chromium, in English and in Chinese: makes a Verify service on the console's Verify page, sends a test
/// code, reads it from the SMS the simulator channel carried, checks it and sees the conversion rate and the chart.
/// </summary>
[Trait("Category", "Browser")]
public sealed class VerifyJourneyTests(VerifyJourneyTests.Browser browser) : IClassFixture<VerifyJourneyTests.Browser>
{
    [Theory]
    [InlineData("en", "Code sent to", "Approved: the code is right.", "Blocked", "Blocked number ranges")]
    [InlineData("zh-CN", "验证码已发送至", "校验通过：验证码正确。", "拦截记录", "被拦截的号段")]
    public async Task ACustomerMakesAServiceSendsACodeChecksItAndSeesTheConversionRate(string culture, string sent, string approved, string blockedTab, string blockedTitle)
    {
        var session = browser.Session;
        var email = $"verify-{culture}-{Guid.NewGuid():N}@example.com";
        var page = await session.SignedInCustomerAsync(email, "Verify#2026", "Verify Journey Ltd");
        await page.GotoAsync($"/culture/set?culture={culture}&redirectUri=%2Fconsole%2Fverify");
        await page.WaitForURLAsync("**/console/verify");
        await BrowserSession.InteractiveAsync(page);

        await page.ClickAsync("[data-testid=verify-new]");
        await page.FillAsync("[data-testid=verify-name]", "Sign-in " + culture);
        await page.ClickAsync("[data-testid=verify-save]");
        await Assertions.Expect(page.Locator("[data-testid=verify-panel-name]")).ToHaveTextAsync("Sign-in " + culture);

        var mobile = VerifyRestClient.NewMobile();
        await page.FillAsync("[data-testid=verify-test-mobile]", mobile);
        await page.ClickAsync("[data-testid=verify-test-send]");
        await Assertions.Expect(page.Locator("[data-testid=verify-test-outcome]")).ToContainTextAsync(sent);
        var text = await session.Portal.QueryAsync(db => db.Messages.Where(m => m.Mobile == mobile).OrderByDescending(m => m.Id).Select(m => m.Text).FirstAsync());
        await page.FillAsync("[data-testid=verify-test-code]", VerifyRestClient.CodeOf(text));
        await page.ClickAsync("[data-testid=verify-test-check]");

        await Assertions.Expect(page.Locator("[data-testid=verify-test-outcome]")).ToHaveTextAsync(approved);
        await Assertions.Expect(page.Locator("[data-testid=stat-started]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=stat-approved]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=stat-conversion]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^100\\s?%$"));
        await Assertions.Expect(page.Locator("[data-testid=verify-chart] svg").First).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "console-verify-" + culture);

        await page.Locator(".mud-tab", new() { HasText = blockedTab }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=blocked-ranges]")).ToContainTextAsync(blockedTitle);
        await BrowserSession.ScreenshotAsync(page, "console-verify-blocked-" + culture);
        Assert.Empty(session.Errors.Lines);
    }

    /// <summary>One portal and one Chromium for both languages.</summary>
    public sealed class Browser : IAsyncLifetime
    {
        public BrowserSession Session { get; } = new();

        public Task InitializeAsync() => Session.InitializeAsync();

        public Task DisposeAsync() => Session.DisposeAsync();
    }
}
