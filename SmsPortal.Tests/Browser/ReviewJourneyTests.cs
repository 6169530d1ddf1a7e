using Microsoft.Playwright;
using SmsPortal.Tests.Features.Review;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class ReviewJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private const string CustomerPassword = "Review#2026";

    [Fact]
    public async Task ACustomerFilesContentTheAdminDecidesAndBothSeeTheOutcome()
    {
        var email = $"review-{Guid.NewGuid():N}@example.com";
        var customer = await SignedInCustomerAsync(email, "Yunshan Tech Co");

        // The customer files a signature with its document, and two templates.
        await customer.GotoAsync("/console/review");
        await InteractiveAsync(customer);
        await Assertions.Expect(customer.Locator("[data-testid=trial-notice]")).ToContainTextAsync("【SmsPortal】");
        await customer.ClickAsync("[data-testid=new-signature]");
        await customer.FillAsync("[data-testid=signature-text]", "云杉科技");
        await customer.Locator("[data-testid=signature-document] input[type=file]").SetInputFilesAsync(new FilePayload { Name = "licence.pdf", MimeType = "application/pdf", Buffer = ReviewData.Pdf() });
        await customer.ClickAsync("[data-testid=signature-submit]");
        await Assertions.Expect(customer.Locator("[data-testid=signatures]")).ToContainTextAsync("【云杉科技】");
        await Assertions.Expect(customer.Locator("[data-testid=signatures] tr", new() { HasText = "云杉科技" })).ToContainTextAsync("Under review");

        await FileTemplateAsync(customer, "Login code", "Verification code", "您的验证码是【code】，5分钟内有效，请勿泄露。", ["482913"], screenshot: "template-form-en");
        await FileTemplateAsync(customer, "Promotion", "Marketing", "双十一全场五折，详情见【link】", ["t.cn/a1"], screenshot: null);
        await Assertions.Expect(customer.Locator("[data-testid=templates]")).ToContainTextAsync("您的验证码是【code】");
        await BrowserSession.ScreenshotAsync(customer, "review-customer-list-pending-en");

        // The admin approves the first template and rejects the second with a reason.
        var admin = await session.NewPageAsync();
        await SignInAsync(admin, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        await admin.GotoAsync("/admin/review");
        await InteractiveAsync(admin);
        var queue = admin.Locator("[data-testid=queue]");
        await Assertions.Expect(queue).ToContainTextAsync("您的验证码是【code】");
        await Assertions.Expect(queue).ToContainTextAsync("【云杉科技】");
        await admin.Locator("[data-testid=queue-row]", new() { HasText = "您的验证码是【code】" }).ClickAsync();
        var detail = admin.Locator("[data-testid=queue-detail]");
        await Assertions.Expect(detail.Locator("[data-testid=detail-preview]")).ToContainTextAsync("【SmsPortal】您的验证码是482913，5分钟内有效，请勿泄露。");
        await BrowserSession.ScreenshotAsync(admin, "review-queue-en");
        await admin.ClickAsync("[data-testid=approve]");
        await Assertions.Expect(queue).Not.ToContainTextAsync("您的验证码是【code】");

        await admin.Locator("[data-testid=queue-row]", new() { HasText = "双十一全场五折" }).ClickAsync();
        await Assertions.Expect(detail.Locator("[data-testid=detail-text]")).ToContainTextAsync("双十一全场五折");
        await admin.FillAsync("[data-testid=reason]", "营销短信须包含退订方式，如“回T退订”");
        await admin.ClickAsync("[data-testid=reject]");
        await Assertions.Expect(queue).Not.ToContainTextAsync("双十一全场五折");

        // The customer sees both outcomes, the reason with the rejected one.
        await customer.GotoAsync("/console/review?tab=templates");
        await InteractiveAsync(customer);
        var templates = customer.Locator("[data-testid=templates]");
        await Assertions.Expect(templates.Locator("tr", new() { HasText = "您的验证码是【code】" })).ToContainTextAsync("Approved");
        var rejected = templates.Locator("tr", new() { HasText = "双十一全场五折" });
        await Assertions.Expect(rejected).ToContainTextAsync("Rejected");
        await Assertions.Expect(rejected.Locator("[data-testid=template-reason]")).ToContainTextAsync("营销短信须包含退订方式");
        await BrowserSession.ScreenshotAsync(customer, "review-customer-list-en");
        await customer.Locator(".mud-tab", new() { HasText = "Review updates" }).ClickAsync();
        await Assertions.Expect(customer.Locator("[data-testid=updates]")).ToContainTextAsync("营销短信须包含退订方式");

        // The audit log shows each decision: who, what and why.
        await admin.GotoAsync("/admin/audit-log");
        await InteractiveAsync(admin);
        var log = admin.Locator("[data-testid=audit-log]");
        var approval = log.Locator("tr", new() { HasText = "您的验证码是【code】" });
        await Assertions.Expect(approval).ToContainTextAsync("Approved");
        await Assertions.Expect(approval).ToContainTextAsync(PortalFactory.AdminEmail);
        var rejection = log.Locator("tr", new() { HasText = "双十一全场五折" });
        await Assertions.Expect(rejection).ToContainTextAsync("Rejected");
        await Assertions.Expect(rejection).ToContainTextAsync("营销短信须包含退订方式");
        await Assertions.Expect(rejection).ToContainTextAsync("Yunshan Tech Co");
        await BrowserSession.ScreenshotAsync(admin, "review-audit-log-en");
    }

    private async Task<IPage> SignedInCustomerAsync(string email, string company)
    {
        var client = session.Portal.CreateBrowserLikeClient();
        await People.RegisterAsync(client, email, CustomerPassword, company);
        var page = await session.NewPageAsync();
        await page.GotoAsync(new Uri(await People.ConfirmationLinkAsync(session.Portal.MailFolder, email)).PathAndQuery);
        await SignInAsync(page, email, CustomerPassword);
        return page;
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    /// <summary>Waits until the page is live over its circuit: what is typed into a prerendered page is lost.</summary>
    private static Task InteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive=true]").First).ToBeAttachedAsync();

    private static async Task FileTemplateAsync(IPage page, string name, string kind, string text, string[] samples, string? screenshot)
    {
        await page.GotoAsync("/console/templates/new");
        await InteractiveAsync(page);
        await page.FillAsync("[data-testid=template-name]", name);
        await page.ClickAsync("[data-testid=template-kind]");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = kind }).ClickAsync();
        await page.FillAsync("[data-testid=template-text]", text);
        for (var i = 0; i < samples.Length; i++)
        {
            await page.FillAsync($"[data-testid=sample-{i}]", samples[i]);
        }

        await Assertions.Expect(page.Locator("[data-testid=template-preview]")).ToContainTextAsync(samples[0]);
        if (screenshot is not null)
        {
            await BrowserSession.ScreenshotAsync(page, screenshot);
        }

        await page.ClickAsync("[data-testid=template-submit]");
        await page.WaitForURLAsync("**/console/review?tab=templates");
    }
}
