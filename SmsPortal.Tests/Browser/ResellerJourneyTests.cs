using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Tests.Features.Resellers;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class ResellerJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task AnAdminMakesAResellerACustomerSignsUpOnItsHostAndSeesOnlyItsBrandTheResellerTransfersCreditsSetsAPriceAndTheCustomerBuysAtIt()
    {
        var reseller = await TestAccounts.CreateAsync(session.Portal, credits: 1000, paid: true);
        var host = $"r1-{Guid.NewGuid():N}"[..11] + ".agent.test";
        var port = new Uri(session.BaseUrl).Port;
        var ownerEmail = $"r1-owner-{Guid.NewGuid():N}@example.com";
        await using (var scope = session.Portal.Services.CreateAsyncScope())
        {
            var owner = new ApplicationUser { UserName = ownerEmail, Email = ownerEmail, EmailConfirmed = true, AccountId = reseller.Id, IsAccountOwner = true, CreatedAt = DateTimeOffset.UtcNow };
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().CreateAsync(owner, "Agent#2026")).Succeeded);
        }

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

        // R1's owner, on R1's host, sets a price for its customers: below its cost (500 × 0.035 = ¥17.50) it is refused.
        var ownerContext = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = $"http://{host}:{port}", Locale = "zh-CN" });
        ownerContext.SetDefaultTimeout(45_000);
        var r1 = await ownerContext.NewPageAsync();
        await BrowserSession.SignInAsync(r1, ownerEmail, "Agent#2026");
        await r1.GotoAsync("/console/selling");
        await BrowserSession.InteractiveAsync(r1);
        await Input(r1, "package-name").FillAsync("闽信五百条");
        await Input(r1, "package-sms").FillAsync("500");
        await Input(r1, "package-price").FillAsync("15");
        await r1.Locator("[data-testid=package-save]").ClickAsync();
        await Assertions.Expect(r1.Locator("[data-testid=package-error]")).ToContainTextAsync("批发成本");
        await ExpectBrandAsync(r1, "reseller-selling-below-cost");
        await Input(r1, "package-price").FillAsync("30");
        await r1.Locator("[data-testid=package-save]").ClickAsync();
        await Assertions.Expect(r1.Locator("[data-testid=selling-packages]")).ToContainTextAsync("闽信五百条");
        await ExpectBrandAsync(r1, "reseller-selling");

        // The customer sees R1's package only and pays with the sandbox gateway on R1's host, R1 named as merchant.
        // The test server cannot resolve R1's made-up host name, so the sandbox notifies the portal's loopback address
        // (what Payments:Sandbox:NotifyBaseUrl is for).
        session.Portal.Service<IOptions<PaymentsOptions>>().Value.Sandbox.NotifyBaseUrl = session.BaseUrl;
        await customer.GotoAsync("/console/billing");
        await BrowserSession.InteractiveAsync(customer);
        await Assertions.Expect(customer.Locator("[data-testid=offer]")).ToHaveCountAsync(1);
        await customer.Locator("[data-testid=offer]").Filter(new() { HasText = "闽信五百条" }).Locator("[data-testid=buy]").ClickAsync();
        await Assertions.Expect(customer.Locator(".mud-dialog")).ToContainTextAsync("30.00");
        await Assertions.Expect(customer.Locator("[data-testid=method-bank-transfer]")).ToHaveCountAsync(0);
        await ExpectBrandAsync(customer, "reseller-pay-dialog");
        await customer.ClickAsync("[data-testid=pay-confirm]");
        await customer.WaitForURLAsync("**/pay/sandbox?**");
        Assert.Equal(host, new Uri(customer.Url).Host);
        await Assertions.Expect(customer.Locator("[data-testid=sandbox-merchant]")).ToHaveTextAsync("闽信通讯");
        await BrowserSession.ScreenshotAsync(customer, "reseller-sandbox-pay");
        Assert.DoesNotContain("SmsPortal", await customer.TitleAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("SmsPortal", await customer.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        await customer.ClickAsync("[data-testid=sandbox-pay]");
        await customer.WaitForURLAsync(url => url.Contains("/console/billing?order=", StringComparison.Ordinal) && url.EndsWith("&paid=1", StringComparison.Ordinal));
        await BrowserSession.InteractiveAsync(customer);
        await Assertions.Expect(customer.Locator("[data-testid=billing-balance]")).ToHaveTextAsync("800", new() { Timeout = 30_000 });
        await ExpectBrandAsync(customer, "reseller-paid");
        // The credits came out of R1's balance: 1,000 − 300 transferred − 500 sold.
        Assert.Equal(200, await Features.Billing.BillingWorld.BalanceAsync(session.Portal, reseller.Id));
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
