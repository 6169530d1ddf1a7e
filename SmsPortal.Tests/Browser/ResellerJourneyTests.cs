using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MimeKit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Tests.Features.Resellers;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class ResellerJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    /// <summary>
    /// The whole of it, in Chinese and in English: R1 made a reseller by the admin, a customer signing up on R1's host,
    /// R1 moving credits to it, R1 setting a price (one below its cost refused) and the customer buying at it with the
    /// sandbox gateway, the customer sending, R1 reading the statistics on its host, and R2 on its own host seeing none
    /// of it; R1 making a customer for a person, who sets a password through the mailed invitation on R1's host and signs
    /// in there. Every page is screenshotted and checked for the platform's name, and so are the customers' mails.
    /// </summary>
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task AnAdminMakesAResellerACustomerSignsUpOnItsHostBuysAtItsPriceSendsAndTheResellerSeesItButAnotherResellerDoesNot(string locale)
    {
        var lang = locale[..2];
        var (reseller, resellerEmail) = await ResellerPersonAsync("R1 " + lang);
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
        await Input(admin, "reseller-signature").FillAsync("闽信通讯");
        await admin.Locator("[data-testid=reseller-save]").ClickAsync();
        await Assertions.Expect(admin.Locator("[data-testid=resellers-grid]")).ToContainTextAsync(host);
        await BrowserSession.ScreenshotAsync(admin, $"reseller-admin-{lang}");

        // R2 answers on a host of its own.
        var (r2, r2Email) = await ResellerPersonAsync("R2 " + lang);
        var host2 = $"r2-{Guid.NewGuid():N}"[..11] + ".agent.test";
        var r2Saved = await session.Portal.Service<ResellerAdministration>().SaveAsync(r2.ApiId, ResellerWorld.Settings(host2, name: "闽信通讯"), Features.Billing.BillingWorld.Admin, CancellationToken.None);
        Assert.True(r2Saved.Ok, r2Saved.Error);

        // Chromium resolves R1's host name to the test server: the customer only ever sees that name.
        await using var browser = await session.LaunchAsync($"--host-resolver-rules=MAP {host} 127.0.0.1, MAP {host2} 127.0.0.1");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = $"http://{host}:{port}", Locale = locale });
        context.SetDefaultTimeout(45_000);
        var customer = await context.NewPageAsync();
        var email = $"r1-customer-{Guid.NewGuid():N}@example.com";
        await customer.GotoAsync("/");
        await ExpectBrandAsync(customer, $"reseller-landing-{lang}");
        await customer.GotoAsync("/Account/Register");
        await ExpectBrandAsync(customer, $"reseller-register-{lang}");
        await customer.FillAsync("#Input\\.Company", "福州客户");
        await customer.FillAsync("#Input\\.Email", email);
        await customer.FillAsync("#Input\\.Password", "Agent#2026");
        await customer.FillAsync("#Input\\.ConfirmPassword", "Agent#2026");
        await customer.ClickAsync("[data-testid=register-submit]");
        await customer.WaitForURLAsync(url => !url.Contains("/Account/Register?", StringComparison.Ordinal) && !url.EndsWith("/Account/Register", StringComparison.Ordinal));
        var link = new Uri(await People.ConfirmationLinkAsync(session.Portal.MailFolder, email));
        Assert.Equal(host, link.Host);
        await ExpectNoPlatformInMailAsync(email);
        await customer.GotoAsync(link.PathAndQuery);
        await customer.GotoAsync("/Account/Login");
        await ExpectBrandAsync(customer, $"reseller-login-{lang}");
        await customer.FillAsync("#Input\\.Email", email);
        await customer.FillAsync("#Input\\.Password", "Agent#2026");
        await customer.ClickAsync("[data-testid=login-submit]");
        await customer.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        await customer.GotoAsync("/console");
        await BrowserSession.InteractiveAsync(customer);
        await ExpectBrandAsync(customer, $"reseller-console-{lang}");

        // R1 moves credits to its new customer with its own key; the customer's console shows them.
        var customerApiId = await session.Portal.QueryAsync(db => db.Accounts.Where(a => a.ParentAccountId == reseller.Id).Select(a => a.ApiId).SingleAsync());
        var moved = await ResellerWorld.Api(session.Portal, reseller).TransferAsync(customerApiId, 300, "首批额度");
        Assert.True(moved.Status == System.Net.HttpStatusCode.OK, moved.ToString());
        await customer.ReloadAsync();
        await BrowserSession.InteractiveAsync(customer);
        await Assertions.Expect(customer.Locator("[data-testid=balance]")).ToHaveTextAsync("300");
        await ExpectBrandAsync(customer, $"reseller-console-credited-{lang}");

        // R1's person, on R1's host, sets a price for its customers: below its cost (500 × 0.035 = ¥17.50) it is refused.
        var r1Context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = $"http://{host}:{port}", Locale = locale });
        r1Context.SetDefaultTimeout(45_000);
        var r1 = await r1Context.NewPageAsync();
        await BrowserSession.SignInAsync(r1, resellerEmail, Password);
        await r1.GotoAsync("/console/selling");
        await BrowserSession.InteractiveAsync(r1);
        await Input(r1, "package-name").FillAsync("闽信五百条");
        await Input(r1, "package-sms").FillAsync("500");
        await Input(r1, "package-price").FillAsync("15");
        await r1.Locator("[data-testid=package-save]").ClickAsync();
        await Assertions.Expect(r1.Locator("[data-testid=package-error]")).ToContainTextAsync(lang == "zh" ? "批发成本" : "wholesale cost");
        await ExpectBrandAsync(r1, $"reseller-selling-below-cost-{lang}");
        await Input(r1, "package-price").FillAsync("30");
        await r1.Locator("[data-testid=package-save]").ClickAsync();
        await Assertions.Expect(r1.Locator("[data-testid=selling-packages]")).ToContainTextAsync("闽信五百条");
        await ExpectBrandAsync(r1, $"reseller-selling-{lang}");

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
        await ExpectBrandAsync(customer, $"reseller-pay-dialog-{lang}");
        await customer.ClickAsync("[data-testid=pay-confirm]");
        await customer.WaitForURLAsync("**/pay/sandbox?**");
        Assert.Equal(host, new Uri(customer.Url).Host);
        await Assertions.Expect(customer.Locator("[data-testid=sandbox-merchant]")).ToHaveTextAsync("闽信通讯");
        await BrowserSession.ScreenshotAsync(customer, $"reseller-sandbox-pay-{lang}");
        Assert.DoesNotContain("SmsPortal", await customer.TitleAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("SmsPortal", await customer.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        await customer.ClickAsync("[data-testid=sandbox-pay]");
        await customer.WaitForURLAsync(url => url.Contains("/console/billing?order=", StringComparison.Ordinal) && url.EndsWith("&paid=1", StringComparison.Ordinal));
        await BrowserSession.InteractiveAsync(customer);
        await Assertions.Expect(customer.Locator("[data-testid=billing-balance]")).ToHaveTextAsync("800", new() { Timeout = 30_000 });
        await ExpectBrandAsync(customer, $"reseller-paid-{lang}");
        // The credits came out of R1's balance: 1,000 − 300 transferred − 500 sold.
        Assert.Equal(200, await Features.Billing.BillingWorld.BalanceAsync(session.Portal, reseller.Id));

        // The customer sends through the vendor API (in trial: the default template, under R1's signature).
        var customerId = await session.Portal.QueryAsync(db => db.Accounts.Where(a => a.ApiId == customerApiId).Select(a => a.Id).SingleAsync());
        var accounts = session.Portal.Service<AccountService>();
        var key = (await accounts.ListKeysAsync(customerId, CancellationToken.None)).First(k => k.RevokedAt is null);
        var sent = await new VendorClient(session.Portal.CreateClient()).SubmitAsync(customerApiId, (await accounts.RevealKeyAsync(customerId, key.Id, CancellationToken.None))!, "13800138321", "2468", "1");
        Assert.True(sent.Code == 2, $"{sent.Code} {sent.Msg}");
        Assert.StartsWith("【闽信通讯】", (await session.Portal.MessageWhenAsync(sent.SmsId!, _ => true)).Text, StringComparison.Ordinal);

        // R1's person, on R1's host, sees the send on its customers' statistics and on the customer's page.
        await r1.GotoAsync("/console/customers/statistics");
        await BrowserSession.InteractiveAsync(r1);
        await Assertions.Expect(r1.Locator("[data-testid=customer-link]")).ToHaveTextAsync(customerApiId);
        await Assertions.Expect(r1.Locator("[data-testid=customer-sent]")).ToHaveTextAsync("1");
        await Assertions.Expect(r1.Locator("[data-testid=total-sent]")).ToHaveTextAsync("1");
        await ExpectBrandAsync(r1, $"reseller-statistics-{lang}");
        await r1.Locator("[data-testid=customer-link]").ClickAsync();
        await r1.WaitForURLAsync(url => url.EndsWith("/console/customers/" + customerApiId, StringComparison.Ordinal));
        await BrowserSession.InteractiveAsync(r1);
        await Assertions.Expect(r1.Locator("[data-testid=customer-apiid]")).ToHaveTextAsync(customerApiId);
        await Assertions.Expect(r1.Locator("[data-testid=customer-records]")).ToContainTextAsync("13800138321");
        await ExpectBrandAsync(r1, $"reseller-customer-{lang}");

        // R2's person, on R2's own host, sees none of it: no sends, and R1's customer is not found.
        var r2Context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = $"http://{host2}:{port}", Locale = locale });
        r2Context.SetDefaultTimeout(45_000);
        var other = await r2Context.NewPageAsync();
        await BrowserSession.SignInAsync(other, r2Email, Password);
        await other.GotoAsync("/console/customers/statistics");
        await BrowserSession.InteractiveAsync(other);
        await Assertions.Expect(other.Locator("[data-testid=no-sends]")).ToBeVisibleAsync();
        await ExpectBrandAsync(other, $"reseller2-statistics-{lang}");
        Assert.DoesNotContain(customerApiId, await other.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        var notFound = await other.GotoAsync("/console/customers/" + customerApiId);
        Assert.Equal(404, notFound!.Status);
        await BrowserSession.ScreenshotAsync(other, $"reseller2-not-found-{lang}");
        var seen = await other.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("福州客户", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("SmsPortal", seen, StringComparison.Ordinal);

        // R1's person makes a customer for a person on Customers: the person is mailed, in R1's name, a link on R1's
        // host; they set a password there, sign in on that host and see R1's brand.
        var invited = $"invited-{Guid.NewGuid():N}@example.com";
        await r1.GotoAsync("/console/customers");
        await BrowserSession.InteractiveAsync(r1);
        await Input(r1, "customer-name").FillAsync("福州受邀客户");
        await Input(r1, "customer-email").FillAsync(invited);
        await r1.Locator("[data-testid=customer-create]").ClickAsync();
        await Assertions.Expect(r1.Locator("[data-testid=customer-invited]")).ToContainTextAsync(invited);
        await ExpectBrandAsync(r1, $"reseller-invited-{lang}");
        await ExpectNoPlatformInMailAsync(invited);
        var invitation = new Uri(await People.ConfirmationLinkAsync(session.Portal.MailFolder, invited));
        Assert.Equal(host, invitation.Host);
        var invitedContext = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = $"http://{host}:{port}", Locale = locale });
        invitedContext.SetDefaultTimeout(45_000);
        var person = await invitedContext.NewPageAsync();
        await person.GotoAsync(invitation.PathAndQuery);
        await person.FillAsync("#Input\\.Email", invited);
        await person.FillAsync("#Input\\.Password", "Invited#2026");
        await person.FillAsync("#Input\\.ConfirmPassword", "Invited#2026");
        await ExpectBrandAsync(person, $"reseller-set-password-{lang}");
        await person.ClickAsync("[data-testid=reset-submit]");
        await person.WaitForURLAsync(url => url.Contains("/Account/ResetPasswordConfirmation", StringComparison.Ordinal));
        await BrowserSession.SignInAsync(person, invited, "Invited#2026");
        await person.GotoAsync("/console");
        await BrowserSession.InteractiveAsync(person);
        await ExpectBrandAsync(person, $"reseller-invited-console-{lang}");
    }

    private const string Password = "Reseller#2026";

    /// <summary>An account with 1,000 paid credits and its owner, a person with a confirmed address: the account an admin makes a reseller.</summary>
    private async Task<(TestAccounts.Made Account, string Email)> ResellerPersonAsync(string company)
    {
        var made = await TestAccounts.CreateAsync(session.Portal, credits: 1000, paid: true);
        await TestAccounts.SetAsync(session.Portal, made.Id, a => a.Name = company);
        var email = $"reseller-{Guid.NewGuid():N}@example.com";
        await using var scope = session.Portal.Services.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var person = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, AccountId = made.Id, IsAccountOwner = true, CreatedAt = DateTimeOffset.UtcNow };
        var created = await people.CreateAsync(person, Password);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Code)));
        return (made, email);
    }

    /// <summary>Every mail to the address says nothing of the platform: not in its sender's name, subject or body.</summary>
    private async Task ExpectNoPlatformInMailAsync(string email)
    {
        var mails = 0;
        foreach (var file in new DirectoryInfo(session.Portal.MailFolder).GetFiles("*.eml"))
        {
            var message = await MimeMessage.LoadAsync(file.FullName);
            if (message.To.Mailboxes.Any(m => m.Address == email))
            {
                mails++;
                Assert.DoesNotContain("SmsPortal", message.Subject, StringComparison.Ordinal);
                Assert.DoesNotContain("SmsPortal", string.Join(' ', message.From.Mailboxes.Select(m => m.Name)), StringComparison.Ordinal);
                Assert.DoesNotContain("SmsPortal", (message.HtmlBody ?? "") + (message.TextBody ?? ""), StringComparison.Ordinal);
                Assert.Contains("闽信通讯", message.Subject + message.HtmlBody, StringComparison.Ordinal);
            }
        }

        Assert.True(mails > 0, string.Create(CultureInfo.InvariantCulture, $"no mail to {email}"));
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
