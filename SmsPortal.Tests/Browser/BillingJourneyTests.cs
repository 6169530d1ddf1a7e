using Microsoft.Playwright;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Tests.Features.Billing;
using SmsPortal.Tests.Support;
using UglyToad.PdfPig;

namespace SmsPortal.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class BillingJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task ACustomerBuysAPackageOnlineRequestsAnInvoiceTheAdminIssuesItAndTheCustomerDownloadsIt()
    {
        var packages = session.Portal.Service<PackageService>();
        await packages.SaveAsync(null, new PackageInput("Starter", 1_000, 55m, 365, true), BillingWorld.Admin, CancellationToken.None);
        await packages.SaveAsync(null, new PackageInput("Business", 10_000, 450m, 365, true), BillingWorld.Admin, CancellationToken.None);
        await packages.SaveAsync(null, new PackageInput("Enterprise", 100_000, 3_800m, 730, true), BillingWorld.Admin, CancellationToken.None);

        var email = $"buyer-{Guid.NewGuid():N}@example.com";
        var customer = await session.NewPageAsync();
        await RegisterAndSignInAsync(customer, email);

        await customer.GotoAsync("/console/billing");
        await Assertions.Expect(customer.Locator("[data-testid=billing-balance]")).ToHaveTextAsync("50");
        await Assertions.Expect(customer.Locator("[data-testid=offer]")).ToHaveCountAsync(3);
        await BrowserSession.ScreenshotAsync(customer, "billing-packages-en");

        await ClickUntilAsync(customer.Locator("[data-testid=offer]").Filter(new() { HasText = "Business" }).Locator("[data-testid=buy]"), customer.Locator("[data-testid=pay-confirm]"));
        await Assertions.Expect(customer.Locator(".mud-dialog")).ToContainTextAsync("450.00");
        await BrowserSession.ScreenshotAsync(customer, "billing-pay-dialog-en");
        await customer.ClickAsync("[data-testid=pay-confirm]");

        await customer.WaitForURLAsync("**/pay/sandbox?**");
        await Assertions.Expect(customer.Locator("[data-testid=sandbox-amount]")).ToContainTextAsync("450.00");
        await BrowserSession.ScreenshotAsync(customer, "sandbox-pay-page");
        await customer.ClickAsync("[data-testid=sandbox-pay]");

        await customer.WaitForURLAsync(url => url.Contains("/console/billing?order=", StringComparison.Ordinal) && url.EndsWith("&paid=1", StringComparison.Ordinal));
        await Assertions.Expect(customer.Locator("[data-testid=payment-confirmed]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(customer.Locator("[data-testid=billing-balance]")).ToHaveTextAsync("10,050");
        await Assertions.Expect(customer.Locator("[data-testid=orders-grid]")).ToContainTextAsync("Paid");
        await BrowserSession.ScreenshotAsync(customer, "billing-paid-en");

        await ClickUntilAsync(customer.Locator("[data-testid=order-invoice]"), customer.Locator("[data-testid=invoice-submit]"));
        await Input(customer, "invoice-title").FillAsync("深圳市示例科技有限公司");
        await Input(customer, "invoice-tax").FillAsync("91440300MA5ABCDE1X");
        await BrowserSession.ScreenshotAsync(customer, "billing-invoice-request-en");
        await customer.ClickAsync("[data-testid=invoice-submit]");
        await Assertions.Expect(customer.Locator("[data-testid=orders-grid]")).ToContainTextAsync("Invoice requested");

        var admin = await session.NewPageAsync();
        await admin.GotoAsync("/Account/Login");
        await admin.FillAsync("#Input\\.Email", PortalFactory.AdminEmail);
        await admin.FillAsync("#Input\\.Password", PortalFactory.AdminPassword);
        await admin.ClickAsync("[data-testid=login-submit]");
        await admin.WaitForURLAsync("**/admin");
        await Assertions.Expect(admin.Locator("[data-testid=nav]")).ToContainTextAsync("Billing");
        await admin.GotoAsync("/admin/billing/orders");
        await Assertions.Expect(admin.Locator("[data-testid=admin-orders-grid]")).ToContainTextAsync("Business");
        await BrowserSession.ScreenshotAsync(admin, "admin-billing-orders-en");
        await admin.GotoAsync("/admin/billing/invoices");
        var row = admin.Locator("[data-testid=admin-invoices-grid] tr").Filter(new() { HasText = "深圳市示例科技有限公司" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await BrowserSession.ScreenshotAsync(admin, "admin-billing-invoices-en");
        await ClickUntilAsync(row.Locator("[data-testid=admin-issue]"), admin.Locator(".mud-dialog .mud-dialog-actions"));
        await admin.Locator(".mud-dialog .mud-dialog-actions button").Filter(new() { HasText = "Issue" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("Invoice 00000001 issued");

        await admin.GotoAsync("/admin/billing/packages");
        await Assertions.Expect(admin.Locator("[data-testid=packages-table]")).ToContainTextAsync("Enterprise");
        await BrowserSession.ScreenshotAsync(admin, "admin-billing-packages-en");
        await admin.GotoAsync("/admin/billing/adjustments");
        await Assertions.Expect(admin.Locator("[data-testid=audit-grid]")).ToContainTextAsync("Invoice issued");
        await BrowserSession.ScreenshotAsync(admin, "admin-billing-audit-en");

        await customer.GotoAsync("/console/billing/invoices");
        await Assertions.Expect(customer.Locator("[data-testid=invoices-grid]")).ToContainTextAsync("00000001");
        await BrowserSession.ScreenshotAsync(customer, "billing-invoices-en");
        var download = await customer.RunAndWaitForDownloadAsync(() => customer.ClickAsync("[data-testid=invoice-download]"));
        var pdfPath = Path.Combine(BrowserSession.ScreenshotFolder, "invoice-downloaded.pdf");
        await download.SaveAsAsync(pdfPath);
        using (var pdf = PdfDocument.Open(pdfPath))
        {
            var text = string.Concat(pdf.GetPages().Select(p => p.Text)).Replace(" ", "", StringComparison.Ordinal);
            Assert.Contains("深圳市示例科技有限公司", text, StringComparison.Ordinal);
            Assert.Contains("00000001", text, StringComparison.Ordinal);
            Assert.Contains("肆佰伍拾元整", text, StringComparison.Ordinal);
        }

        await customer.GotoAsync("/console/billing/ledger");
        await Assertions.Expect(customer.Locator("[data-testid=ledger-grid]")).ToContainTextAsync("+10,000");
        await BrowserSession.ScreenshotAsync(customer, "billing-ledger-en");

        await customer.ClickAsync("[data-testid=language-switch]");
        await customer.WaitForURLAsync("**/console/billing/ledger");
        await Assertions.Expect(customer.Locator("[data-testid=ledger-grid]")).ToContainTextAsync("充值");
        await BrowserSession.ScreenshotAsync(customer, "billing-ledger-zh");
        await customer.GotoAsync("/console/billing");
        await Assertions.Expect(customer.Locator("[data-testid=offers]")).ToContainTextAsync("立即购买");
        await Assertions.Expect(customer.Locator("[data-testid=orders-grid]")).ToContainTextAsync("已支付");
        await BrowserSession.ScreenshotAsync(customer, "billing-packages-zh");
    }

    [Fact]
    public async Task ACustomerPaysByBankTransferAndTheAdminConfirmsIt()
    {
        await session.Portal.Service<PackageService>().SaveAsync(null, new PackageInput("Transfer 5000", 5_000, 240m, 365, true), BillingWorld.Admin, CancellationToken.None);
        var customer = await session.NewPageAsync();
        await RegisterAndSignInAsync(customer, $"transfer-{Guid.NewGuid():N}@example.com");

        await customer.GotoAsync("/console/billing");
        await ClickUntilAsync(customer.Locator("[data-testid=offer]").Filter(new() { HasText = "Transfer 5000" }).Locator("[data-testid=buy]"), customer.Locator("[data-testid=pay-confirm]"));
        await customer.ClickAsync("[data-testid=method-bank-transfer]");
        await customer.ClickAsync("[data-testid=pay-confirm]");
        var details = customer.Locator("[data-testid=transfer-details]");
        await Assertions.Expect(details).ToContainTextAsync("240.00");
        var memo = (await details.Locator("td.sp-mono strong").TextContentAsync())!.Trim();
        Assert.Matches("^SO\\d{14}$", memo);
        await BrowserSession.ScreenshotAsync(customer, "billing-bank-transfer-en");
        await customer.ClickAsync(".mud-dialog-actions button");
        await Assertions.Expect(customer.Locator("[data-testid=orders-grid]")).ToContainTextAsync("Unpaid");

        var admin = await session.NewPageAsync();
        await admin.GotoAsync("/Account/Login");
        await admin.FillAsync("#Input\\.Email", PortalFactory.AdminEmail);
        await admin.FillAsync("#Input\\.Password", PortalFactory.AdminPassword);
        await admin.ClickAsync("[data-testid=login-submit]");
        await admin.WaitForURLAsync("**/admin");
        await admin.GotoAsync("/admin/billing/orders");
        var row = admin.Locator("[data-testid=admin-orders-grid] tr").Filter(new() { HasText = memo });
        await ClickUntilAsync(row.Locator("[data-testid=admin-confirm-transfer]"), admin.Locator("[data-testid=prompt-confirm]"));
        await Input(admin, "prompt-value").FillAsync("CMB-2026-000123");
        await BrowserSession.ScreenshotAsync(admin, "admin-confirm-transfer-en");
        await admin.ClickAsync("[data-testid=prompt-confirm]");
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync(memo);
        await Assertions.Expect(row).ToContainTextAsync("Paid");

        await customer.ReloadAsync();
        await Assertions.Expect(customer.Locator("[data-testid=billing-balance]")).ToHaveTextAsync("5,050");
    }

    /// <summary>A page arrives prerendered; a click before its circuit is up does nothing, so click until the result shows.</summary>
    private static async Task ClickUntilAsync(ILocator target, ILocator appears)
    {
        for (var attempt = 0; attempt < 15; attempt++)
        {
            await target.ClickAsync();
            try
            {
                // Long enough for a dialog to open on a loaded machine: a second click would open a second dialog.
                await appears.First.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 5000 });
                return;
            }
            catch (TimeoutException)
            {
                // Not interactive yet: try again.
            }
        }

        await Assertions.Expect(appears.First).ToBeVisibleAsync();
    }

    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}]").Locator("xpath=descendant-or-self::input").First;

    private async Task RegisterAndSignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Register");
        await page.FillAsync("#Input\\.Company", "Shenzhen Example Tech");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", "Buyer#2026");
        await page.FillAsync("#Input\\.ConfirmPassword", "Buyer#2026");
        await page.ClickAsync("[data-testid=register-submit]");
        await Assertions.Expect(page.Locator("[data-testid=check-mail]")).ToContainTextAsync(email);
        await page.GotoAsync(new Uri(await People.ConfirmationLinkAsync(session.Portal.MailFolder, email)).PathAndQuery);
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", "Buyer#2026");
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync("**/console");
    }
}
