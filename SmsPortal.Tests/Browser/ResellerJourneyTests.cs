using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmsPortal.Tests.Features.Resellers;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class ResellerJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task AnAdminMakesAResellerACustomerSignsUpOnItsHostAndSeesOnlyItsBrandAndTheResellerTransfersCredits()
    {
        var reseller = await TestAccounts.CreateAsync(session.Portal, credits: 1000, paid: true);
        var host = $"r1-{Guid.NewGuid():N}"[..11] + ".agent.test";
        var port = new Uri(session.BaseUrl).Port;

        // The admin, on the platform's own address, makes the account a reseller answering on R1's host name.
        var admin = await session.NewPageAsync();
        await BrowserSession.SignInAsync(admin, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        await admin.GotoAsync("/admin/resellers");
        await BrowserSession.InteractiveAsync(admin);
        await Input(admin, "reseller-apiid").FillAsync(reseller.ApiId);
        await Input(admin, "reseller-name").FillAsync("闽信通讯");
        await Input(admin, "reseller-hosts").FillAsync(host);
        await Input(admin, "reseller-price").FillAsync("0.035");
        await admin.Locator("[data-testid=reseller-save]").ClickAsync();
        await Assertions.Expect(admin.Locator("[data-testid=resellers-grid]")).ToContainTextAsync(host);
        await BrowserSession.ScreenshotAsync(admin, "reseller-admin");

        // Chromium resolves R1's host name to the test server: the customer only ever sees that name.
        await using var browser = await session.LaunchAsync($"--host-resolver-rules=MAP {host} 127.0.0.1");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = $"http://{host}:{port}", Locale = "zh-CN" });
        context.SetDefaultTimeout(45_000);
        var customer = await context.NewPageAsync();
        var email = $"r1-customer-{Guid.NewGuid():N}@example.com";
        await customer.GotoAsync("/");
        await ExpectBrandAsync(customer, "reseller-landing");
        await customer.GotoAsync("/Account/Register");
        await ExpectBrandAsync(customer, "reseller-register");
        await customer.FillAsync("#Input\\.Company", "福州客户");
        await customer.FillAsync("#Input\\.Email", email);
        await customer.FillAsync("#Input\\.Password", "Agent#2026");
        await customer.FillAsync("#Input\\.ConfirmPassword", "Agent#2026");
        await customer.ClickAsync("[data-testid=register-submit]");
        await customer.WaitForURLAsync(url => !url.Contains("/Account/Register?", StringComparison.Ordinal) && !url.EndsWith("/Account/Register", StringComparison.Ordinal));
        var link = new Uri(await People.ConfirmationLinkAsync(session.Portal.MailFolder, email));
        Assert.Equal(host, link.Host);
        await customer.GotoAsync(link.PathAndQuery);
        await customer.GotoAsync("/Account/Login");
        await ExpectBrandAsync(customer, "reseller-login");
        await customer.FillAsync("#Input\\.Email", email);
        await customer.FillAsync("#Input\\.Password", "Agent#2026");
        await customer.ClickAsync("[data-testid=login-submit]");
        await customer.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        await customer.GotoAsync("/console");
        await BrowserSession.InteractiveAsync(customer);
        await ExpectBrandAsync(customer, "reseller-console");

        // R1 moves credits to its new customer with its own key; the customer's console shows them.
        var customerApiId = await session.Portal.QueryAsync(db => db.Accounts.Where(a => a.ParentAccountId == reseller.Id).Select(a => a.ApiId).SingleAsync());
        var moved = await ResellerWorld.Api(session.Portal, reseller).TransferAsync(customerApiId, 300, "首批额度");
        Assert.True(moved.Status == System.Net.HttpStatusCode.OK, moved.ToString());
        await customer.ReloadAsync();
        await BrowserSession.InteractiveAsync(customer);
        await Assertions.Expect(customer.Locator("[data-testid=balance]")).ToHaveTextAsync("300");
        await ExpectBrandAsync(customer, "reseller-console-credited");
    }

    private static async Task ExpectBrandAsync(IPage page, string screenshot)
    {
        await Assertions.Expect(page.Locator(".sp-brand").First).ToContainTextAsync("闽信通讯");
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("闽信通讯"));
        await BrowserSession.ScreenshotAsync(page, screenshot);
        Assert.DoesNotContain("SmsPortal", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("SmsPortal", await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
    }

    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}]").Locator("xpath=descendant-or-self::input").First;
}
