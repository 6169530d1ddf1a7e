using Microsoft.Playwright;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class AdminJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task TheAdminSignsInSwitchesToChineseAndSeesChineseNavigation()
    {
        var page = await session.NewPageAsync();
        await page.GotoAsync("/");
        await BrowserSession.ScreenshotAsync(page, "landing-en");

        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", PortalFactory.AdminEmail);
        await page.FillAsync("#Input\\.Password", PortalFactory.AdminPassword);
        await BrowserSession.ScreenshotAsync(page, "sign-in-en");
        await page.ClickAsync("[data-testid=login-submit]");

        await page.WaitForURLAsync("**/admin");
        var nav = page.Locator("[data-testid=nav]");
        await Assertions.Expect(nav).ToContainTextAsync("Accounts");
        await Assertions.Expect(nav).ToContainTextAsync("Background jobs");
        await BrowserSession.ScreenshotAsync(page, "admin-shell-en");

        await BrowserSession.InteractiveAsync(page);
        await page.ClickAsync("[data-testid=language-switch]");

        await page.WaitForURLAsync("**/admin");
        await Assertions.Expect(nav).ToContainTextAsync("客户账户");
        await Assertions.Expect(nav).ToContainTextAsync("后台任务");
        await Assertions.Expect(nav).Not.ToContainTextAsync("Accounts");
        await Assertions.Expect(page.Locator("h4").First).ToHaveTextAsync("仪表盘");
        await BrowserSession.ScreenshotAsync(page, "admin-shell-zh");

        await page.GotoAsync("/admin/accounts");
        await Assertions.Expect(page.Locator("[data-testid=accounts-grid]")).ToContainTextAsync(PortalFactory.DemoApiId);
        await BrowserSession.ScreenshotAsync(page, "admin-accounts-zh");
    }

    [Fact]
    public async Task ACustomerSeesTheirConsoleInBothLanguages()
    {
        var email = $"browser-{Guid.NewGuid():N}@example.com";
        var page = await session.NewPageAsync();
        await page.GotoAsync("/Account/Register");
        await page.FillAsync("#Input\\.Company", "Browser Trading Co");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", "Browser#2026");
        await page.FillAsync("#Input\\.ConfirmPassword", "Browser#2026");
        await BrowserSession.ScreenshotAsync(page, "register-en");
        await page.ClickAsync("[data-testid=register-submit]");
        await Assertions.Expect(page.Locator("[data-testid=check-mail]")).ToContainTextAsync(email);
        await page.GotoAsync(new Uri(await People.ConfirmationLinkAsync(session.Portal.MailFolder, email)).PathAndQuery);
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", "Browser#2026");
        await page.ClickAsync("[data-testid=login-submit]");

        await page.WaitForURLAsync("**/console");
        await Assertions.Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync("50");
        await Assertions.Expect(page.Locator("[data-testid=nav]")).ToContainTextAsync("API keys");
        await BrowserSession.ScreenshotAsync(page, "customer-shell-en");

        await page.ClickAsync("[data-testid=language-switch]");
        await page.WaitForURLAsync("**/console");
        await Assertions.Expect(page.Locator("[data-testid=nav]")).ToContainTextAsync("API 密钥");
        await BrowserSession.ScreenshotAsync(page, "customer-shell-zh");

        await BrowserSession.InteractiveAsync(page);
        await page.ClickAsync("[data-testid=sign-out]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(page.Locator("[data-testid=cta-register]")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "landing-zh");
        await page.GotoAsync("/Account/Login");
        await BrowserSession.ScreenshotAsync(page, "sign-in-zh");
    }
}
