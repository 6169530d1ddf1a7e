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
        // The picker reaches the server through the browser's script: submit only once the server holds the file.
        await Assertions.Expect(customer.Locator("[data-testid=signature-document-name]")).ToHaveTextAsync("licence.pdf");
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

        // Verified and paid, the customer sends with the approved template; the rejected text is refused with 4072.
        var person = await People.FindAsync(session.Portal, email);
        var accountId = person!.AccountId!.Value;
        await TestAccounts.SetAsync(session.Portal, accountId, a => a.IsVerified = true);
        await using (var db = await session.Portal.Service<Microsoft.EntityFrameworkCore.IDbContextFactory<SmsPortal.Infrastructure.Persistence.SmsPortalDbContext>>().CreateDbContextAsync())
        {
            await session.Portal.Service<SmsPortal.Infrastructure.Ledger.CreditLedger>().AppendAsync(db, [new(accountId, SmsPortal.Domain.Ledger.LedgerEntryKind.TopUp, 100, Note: "paid")], CancellationToken.None);
        }

        session.Portal.Service<SmsPortal.Infrastructure.Sending.SendingProfiles>().ForgetAll();
        var accounts = session.Portal.Service<SmsPortal.Infrastructure.Accounts.AccountService>();
        var summary = (await accounts.GetSummaryAsync(accountId, CancellationToken.None))!;
        var key = (await accounts.RevealKeyAsync(accountId, (await accounts.ListKeysAsync(accountId, CancellationToken.None))[0].Id, CancellationToken.None))!;
        var api = new VendorClient(session.Portal.CreateClient());
        Assert.Equal(2, (await api.SubmitAsync(summary.ApiId, key, "13800138501", "您的验证码是482913，5分钟内有效，请勿泄露。")).Code);
        var refused = await api.SubmitAsync(summary.ApiId, key, "13800138502", "双十一全场五折，详情见t.cn/a1");
        Assert.Equal(4072, refused.Code);
        Assert.Equal("提交的短信内容与审核通过的模板内容不匹配", refused.Msg);

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

    [Fact]
    public async Task AChineseCustomerIsVerifiedAndTheReviewPagesSpeakChinese()
    {
        var email = $"review-zh-{Guid.NewGuid():N}@example.com";
        var customer = await SignedInCustomerAsync(email, "福州云杉科技有限公司");
        await customer.GotoAsync("/culture/set?culture=zh-CN&redirectUri=%2Fconsole%2Fverification");
        await InteractiveAsync(customer);
        await Assertions.Expect(customer.Locator("h4").First).ToHaveTextAsync("企业认证");

        // A typing mistake in the credit code is named before anything is sent; a web page posing as a PNG is refused.
        await customer.FillAsync("[data-testid=company-name]", "福州云杉科技有限公司");
        await customer.FillAsync("[data-testid=credit-code]", "91350100M000100Y44");
        await Assertions.Expect(customer.Locator("[data-testid=verification]")).ToContainTextAsync("最后一位校验码不正确");
        await customer.FillAsync("[data-testid=credit-code]", "91350100M000100Y43");
        await Assertions.Expect(customer.Locator("[data-testid=verification]")).ToContainTextAsync("校验码正确");
        await customer.FillAsync("[data-testid=contact-name]", "张三");
        await customer.FillAsync("[data-testid=contact-phone]", "13800138000");
        await customer.Locator("[data-testid=licence] input[type=file]").SetInputFilesAsync(new FilePayload { Name = "licence.png", MimeType = "image/png", Buffer = ReviewData.Html() });
        await Assertions.Expect(customer.Locator("[data-testid=licence-name]")).ToHaveTextAsync("licence.png");
        await customer.ClickAsync("[data-testid=submit-verification]");
        await Assertions.Expect(customer.Locator("[data-testid=licence-error]")).ToContainTextAsync("只接受 PDF、PNG 或 JPEG 文件");
        await customer.Locator("[data-testid=licence] input[type=file]").SetInputFilesAsync(new FilePayload { Name = "营业执照.png", MimeType = "image/png", Buffer = ReviewData.Png(2048) });
        await Assertions.Expect(customer.Locator("[data-testid=licence-name]")).ToHaveTextAsync("营业执照.png");
        await customer.ClickAsync("[data-testid=submit-verification]");
        await Assertions.Expect(customer.Locator("[data-testid=verification-status]")).ToContainTextAsync("审核中");
        await BrowserSession.ScreenshotAsync(customer, "review-verification-zh");

        // A broken placeholder is explained as it is typed.
        await customer.GotoAsync("/console/templates/new");
        await InteractiveAsync(customer);
        await customer.FillAsync("[data-testid=template-text]", "尊敬的【name，您的订单已发货");
        await Assertions.Expect(customer.Locator("[data-testid=template-form]")).ToContainTextAsync("第 4 个字符处的【没有对应的】");
        await customer.FillAsync("[data-testid=template-text]", "尊敬的【name】，您的订单【order】已发货，请注意查收。");
        await customer.FillAsync("[data-testid=sample-0]", "王先生");
        await customer.FillAsync("[data-testid=sample-1]", "A1024");
        await Assertions.Expect(customer.Locator("[data-testid=template-preview]")).ToContainTextAsync("【SmsPortal】尊敬的王先生，您的订单A1024已发货");
        await BrowserSession.ScreenshotAsync(customer, "template-form-zh");
        await SubmitTemplateAsync(customer);
        await Assertions.Expect(customer.Locator("[data-testid=templates]")).ToContainTextAsync("审核中");

        // The admin reads the queue in Chinese and approves the verification.
        var admin = await session.NewPageAsync();
        await SignInAsync(admin, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        await admin.GotoAsync("/culture/set?culture=zh-CN&redirectUri=%2Fadmin%2Freview");
        await InteractiveAsync(admin);
        await admin.Locator("[data-testid=queue-row]", new() { HasText = "福州云杉科技有限公司" }).Filter(new() { HasText = "企业认证" }).ClickAsync();
        var detail = admin.Locator("[data-testid=queue-detail]");
        await Assertions.Expect(detail).ToContainTextAsync("91350100M000100Y43");
        await Assertions.Expect(detail).ToContainTextAsync("校验码正确");
        await BrowserSession.ScreenshotAsync(admin, "review-queue-zh");
        await admin.ClickAsync("[data-testid=approve]");
        await Assertions.Expect(admin.Locator("[data-testid=queue-row]", new() { HasText = "企业认证" })).ToHaveCountAsync(0);

        await customer.GotoAsync("/console/verification");
        await InteractiveAsync(customer);
        await Assertions.Expect(customer.Locator("[data-testid=verification-status]")).ToContainTextAsync("已认证");
        await customer.GotoAsync("/console/review?tab=templates");
        await InteractiveAsync(customer);
        await Assertions.Expect(customer.Locator("[data-testid=trial-notice]")).ToContainTextAsync("完成首次充值");
        await BrowserSession.ScreenshotAsync(customer, "review-customer-list-zh");

        await admin.GotoAsync("/admin/sensitive-words");
        await InteractiveAsync(admin);
        await admin.FillAsync("[data-testid=words-new]", "代开发票\n翻墙");
        await admin.ClickAsync("[data-testid=words-add]");
        await Assertions.Expect(admin.Locator("[data-testid=words]")).ToContainTextAsync("代开发票");
        await admin.FillAsync("[data-testid=words-probe]", "本公司可代-开 发★票，量大从优");
        await Assertions.Expect(admin.Locator("[data-testid=words-probe-result]")).ToContainTextAsync("代开发票");
        await BrowserSession.ScreenshotAsync(admin, "sensitive-words-zh");

        await admin.ClickAsync("[data-testid=theme-toggle]");
        await admin.GotoAsync("/admin/review");
        await InteractiveAsync(admin);
        // Other journeys may have left older items in the queue: open this customer's template.
        await admin.Locator("[data-testid=queue-row]", new() { HasText = "尊敬的" }).First.ClickAsync();
        await Assertions.Expect(admin.Locator("[data-testid=queue-detail]")).ToContainTextAsync("尊敬的");
        await BrowserSession.ScreenshotAsync(admin, "review-queue-dark-zh");

        await customer.GotoAsync("/console/blacklist");
        await InteractiveAsync(customer);
        await customer.FillAsync("[data-testid=blacklist-new]", "13800138000\n+86 139 0013 9000\n12345");
        await customer.ClickAsync("[data-testid=blacklist-add]");
        await Assertions.Expect(customer.Locator("[data-testid=blacklist]")).ToContainTextAsync("13900139000");
        await BrowserSession.ScreenshotAsync(customer, "blacklist-zh");
    }

    private Task<IPage> SignedInCustomerAsync(string email, string company) => session.SignedInCustomerAsync(email, CustomerPassword, company);

    private static Task SignInAsync(IPage page, string email, string password) => BrowserSession.SignInAsync(page, email, password);

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

        await SubmitTemplateAsync(page);
    }

    /// <summary>
    /// Submits the template form and waits for the list; when the form answers with an error instead, fails with the
    /// error's text rather than a bare navigation timeout.
    /// </summary>
    private static async Task SubmitTemplateAsync(IPage page)
    {
        var submit = page.Locator("[data-testid=template-submit]");
        await Assertions.Expect(submit).ToBeEnabledAsync();
        await submit.ClickAsync();
        var navigated = page.WaitForURLAsync("**/console/review?tab=templates");
        var refused = page.Locator("[data-testid=template-error]").WaitForAsync();
        if (await Task.WhenAny(navigated, refused) == refused && refused.IsCompletedSuccessfully)
        {
            Assert.Fail($"The template form refused the submit: {await page.Locator("[data-testid=template-error]").TextContentAsync()}");
        }

        await navigated;
    }
}
