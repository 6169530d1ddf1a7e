using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Browser;

/// <summary>How the console looks and reads: dark mode, a phone's width, contrast, and pages that load without errors.</summary>
[Trait("Category", "Browser")]
public sealed class ConsoleLookTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private const string Password = "Looks#2026";

    [Fact]
    public async Task DarkModeDarkensThePageAndTheSignatureInThePreviewStaysReadable()
    {
        var page = await CustomerAsync(width: 1366);
        await page.GotoAsync("/console/send");
        await BrowserSession.InteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=preview]")).ToContainTextAsync("【SmsPortal】");

        await page.ClickAsync("[data-testid=theme-toggle]");

        await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(11, 17, 32)");
        await Assertions.Expect(page.Locator("html")).ToHaveCSSAsync("background-color", "rgb(11, 17, 32)");
        await BrowserSession.ScreenshotAsync(page, "send-dark-en");
        // A page shorter than the window: what shows below its content is dark as well, on a fresh load too.
        await page.GotoAsync("/console/billing/ledger");
        await BrowserSession.InteractiveAsync(page);
        await Assertions.Expect(page.Locator("html")).ToHaveCSSAsync("background-color", "rgb(11, 17, 32)");
        await BrowserSession.ScreenshotAsync(page, "billing-ledger-dark-en");
        var problems = await Axe.ViolationsAsync(page);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task OnAPhoneTheAccountMenuAndSignOutStayOnScreen()
    {
        var page = await CustomerAsync(width: 390);
        await page.GotoAsync("/console");
        await BrowserSession.InteractiveAsync(page);
        await BrowserSession.ScreenshotAsync(page, "overview-390-en");

        foreach (var testId in new[] { "user-menu", "sign-out", "theme-toggle", "language-switch" })
        {
            var box = await page.Locator($"[data-testid={testId}]").BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"{testId} ends at {box.X + box.Width} px on a 390 px screen");
        }

        await page.ClickAsync("[data-testid=sign-out]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }

    [Fact]
    public async Task TheAccountsPagerAndChannelStatesSpeakChineseAndTheMailOutboxFitsTheWindowWithALongLinkInTheMail()
    {
        await CustomerAsync(width: 1366);
        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsync(page, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        await SetLookAsync(page, dark: false, chinese: true);
        await page.GotoAsync("/admin/accounts");
        await BrowserSession.InteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=accounts-grid]")).ToContainTextAsync("每页行数");
        await Assertions.Expect(page.Locator("[data-testid=accounts-grid]")).Not.ToContainTextAsync("Rows per page");
        await BrowserSession.ScreenshotAsync(page, "admin-accounts-zh");
        await page.GotoAsync("/admin/channels");
        await BrowserSession.InteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=state-simulator]")).ToHaveTextAsync("就绪");
        await BrowserSession.ScreenshotAsync(page, "admin-channels-zh");
        await SetLookAsync(page, dark: false, chinese: false);
        await page.GotoAsync("/admin/mail");
        await BrowserSession.InteractiveAsync(page);
        await page.Locator("[data-testid=mail-list] .mud-list-item").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=mail-body] a").First).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "admin-mail-en");

        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 1366, $"the page is {width} px wide in a 1366 px window");
    }

    [Fact]
    public async Task ABillingTabOpenedByItsAddressLoadsWithoutErrorsAndReadsTheLedgerInChinese()
    {
        var page = await CustomerAsync(width: 1366);
        await SetLookAsync(page, dark: false, chinese: true);
        var before = session.Errors.Lines.Count;

        await page.GotoAsync("/console/billing/ledger");
        await BrowserSession.InteractiveAsync(page);

        await Assertions.Expect(page.Locator("[data-testid=ledger-note]").First).ToHaveTextAsync("试用赠送条数");
        await Assertions.Expect(page.Locator("[data-testid=ledger-grid]")).ToContainTextAsync("每页行数");
        await Assertions.Expect(page.Locator("[data-testid=ledger-grid]")).Not.ToContainTextAsync("Rows per page");
        await BrowserSession.ScreenshotAsync(page, "billing-ledger-zh");
        // A click on a tab moves the address; leaving the page (within the circuit, then by a load) moves nothing.
        await page.GetByRole(AriaRole.Tab, new() { Name = "发票" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/console/billing/invoices");
        await page.EvaluateAsync("() => Blazor.navigateTo('/console/records')");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/console/records");
        await Assertions.Expect(page.Locator("[data-testid=records-grid]")).ToBeVisibleAsync();
        Assert.Equal("/console/records", new Uri(page.Url).AbsolutePath);
        await page.GotoAsync("/console/billing/invoices");
        await BrowserSession.InteractiveAsync(page);
        await page.GotoAsync("/console");
        await BrowserSession.InteractiveAsync(page);
        Assert.Empty(session.Errors.Lines.Skip(before));
    }

    [Fact]
    public async Task TheApiReferenceIsLinkedFromTheKeysPageAndLoadsNothingFromAnotherHost()
    {
        var page = await CustomerAsync(width: 1366);
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            var host = new Uri(request.Url).Host;
            if (host is not ("127.0.0.1" or "localhost") && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };
        await page.GotoAsync("/console/api-keys");
        await BrowserSession.InteractiveAsync(page);
        var link = page.Locator("[data-testid=api-docs-link]");
        Assert.Equal("/api/docs", await link.GetAttributeAsync("href"));

        // The reader's script is a few megabytes, served from here: slow on a busy machine, so a longer wait.
        await page.GotoAsync("/api/docs", new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 180_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 180_000 });
        await BrowserSession.ScreenshotAsync(page, "api-docs");

        Assert.True(elsewhere.Count == 0, string.Join("\n", elsewhere));
        await Assertions.Expect(page.GetByText("SmsPortal REST API").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task RecordsShowFailureReasonsAndTheirDetailsAndTheAdminDashboardReadsWellInBothLanguages()
    {
        var email = $"looks-{Guid.NewGuid():N}@example.com";
        var page = await session.SignedInCustomerAsync(email, Password, "Looks Trading Co", 1366);
        var accountId = (await People.FindAsync(session.Portal, email))!.AccountId!.Value;
        var now = DateTimeOffset.UtcNow;
        long undelivered = 0;
        await using (var db = await session.Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            var rows = new[]
            {
                (MessageStatus.Delivered, "SIM1", "id:SIM1 sub:001 dlvrd:001 submit date:2612012330 done date:2612012330 stat:DELIVRD err:000 text:"),
                (MessageStatus.Failed, (string?)null, "submit_sm_resp command_status=0x00000045 (ESME_RSUBMITFAIL)"),
                (MessageStatus.Failed, "SIM3", "id:SIM3 sub:001 dlvrd:000 submit date:2612012330 done date:2612012330 stat:UNDELIV err:001 text:"),
            };
            var messages = rows.Select(r => new Message
            {
                AccountId = accountId, Mobile = "13800138006", Text = "【SmsPortal】您的验证码是：1234。请不要把验证码泄露给其他人。", Parts = 1, Status = r.Item1,
                Door = SubmissionDoor.VendorApi, AcceptedAt = now, SubmittedAt = r.Item2 is null ? null : now, DoneAt = now, Channel = "simulator", UpstreamId = r.Item2, UpstreamStatus = r.Item3,
            }).ToList();
            db.Messages.AddRange(messages);
            await db.SaveChangesAsync();
            undelivered = messages[2].Id;
        }

        var smsId = Message.FormatSmsId(now, undelivered);
        var problems = new List<string>();
        foreach (var (dark, chinese) in new[] { (false, false), (true, true) })
        {
            var look = $"{(dark ? "dark" : "light")}-{(chinese ? "zh" : "en")}";
            await SetLookAsync(page, dark, chinese);
            await page.GotoAsync("/console/records");
            await BrowserSession.InteractiveAsync(page);
            await Assertions.Expect(page.Locator($"[data-testid=reason-{smsId}]")).ToHaveTextAsync(chinese ? "未送达：UNDELIV，错误码 001" : "Not delivered: UNDELIV, error 001");
            await BrowserSession.ScreenshotAsync(page, $"records-{look}");
            problems.AddRange((await Axe.ViolationsAsync(page)).Select(v => $"records {look}: {v}"));
            await page.ClickAsync($"[data-testid=detail-{smsId}]");
            await Assertions.Expect(page.Locator("[data-testid=detail-smsid]")).ToHaveTextAsync(smsId);
            await Assertions.Expect(page.Locator("[data-testid=detail-upstream-id]")).ToHaveTextAsync("SIM3");
            // The drawer slides in: the picture is taken once all of it is on screen.
            await Assertions.Expect(page.Locator("[data-testid=record-detail]")).ToBeInViewportAsync(new() { Ratio = 1 });
            await BrowserSession.ScreenshotAsync(page, $"records-detail-{look}");
            problems.AddRange((await Axe.ViolationsAsync(page)).Select(v => $"records detail {look}: {v}"));
        }

        var admin = await session.NewPageAsync();
        await BrowserSession.SignInAsync(admin, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        foreach (var (dark, chinese) in new[] { (false, false), (true, true) })
        {
            var look = $"{(dark ? "dark" : "light")}-{(chinese ? "zh" : "en")}";
            await SetLookAsync(admin, dark, chinese);
            await admin.GotoAsync("/admin");
            await BrowserSession.InteractiveAsync(admin);
            await Assertions.Expect(admin.Locator("[data-testid=channel-states]")).ToBeVisibleAsync();
            await BrowserSession.ScreenshotAsync(admin, $"admin-dashboard-{look}");
            problems.AddRange((await Axe.ViolationsAsync(admin)).Select(v => $"admin dashboard {look}: {v}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task TheAdminsPageOfAnAccountReadsWellInBothLanguagesAndFitsAPhone()
    {
        var account = await TestAccounts.CreateAsync(session.Portal, credits: 120, verified: true, paid: true);
        await using (var db = await session.Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            db.Messages.Add(new Message
            {
                AccountId = account.Id, Mobile = "13800138007", Text = "【SmsPortal】您的验证码是：1234。请不要把验证码泄露给其他人。", Parts = 1, Status = MessageStatus.Failed,
                Door = SubmissionDoor.VendorApi, AcceptedAt = DateTimeOffset.UtcNow, DoneAt = DateTimeOffset.UtcNow, Channel = "simulator",
                UpstreamStatus = "submit_sm_resp command_status=0x00000045 (ESME_RSUBMITFAIL)",
            });
            await db.SaveChangesAsync();
        }

        var problems = new List<string>();
        foreach (var width in new[] { 1366, 390 })
        {
            var admin = await session.NewPageAsync(width: width);
            await BrowserSession.SignInAsync(admin, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
            foreach (var (dark, chinese) in new[] { (false, false), (true, true) })
            {
                var look = $"{(dark ? "dark" : "light")}-{(chinese ? "zh" : "en")}-{width}";
                await SetLookAsync(admin, dark, chinese);
                await admin.GotoAsync($"/admin/accounts/{account.Id}");
                await BrowserSession.InteractiveAsync(admin);
                await Assertions.Expect(admin.Locator("[data-testid=profile-api-id]")).ToHaveTextAsync(account.ApiId);
                await Assertions.Expect(admin.Locator("[data-testid=records-grid] tbody tr").First).ToContainTextAsync("ESME_RSUBMITFAIL");
                await BrowserSession.ScreenshotAsync(admin, $"admin-account-{look}");
                problems.AddRange((await Axe.ViolationsAsync(admin)).Select(v => $"admin account {look}: {v}"));
                var wide = await admin.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                Assert.True(wide <= width, $"the account page is {wide} px wide in a {width} px window ({look})");
                var menu = await admin.Locator("[data-testid=sign-out]").BoundingBoxAsync();
                Assert.True(menu is not null && menu.X >= 0 && menu.X + menu.Width <= width, $"sign-out is off screen at {width} px");
            }

            await admin.Context.CloseAsync();
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private Task<IPage> CustomerAsync(int width) =>
        session.SignedInCustomerAsync($"looks-{Guid.NewGuid():N}@example.com", Password, "Looks Trading Co", width);

    /// <summary>Sets the theme and language cookies as the switches do, for the next page load.</summary>
    private Task SetLookAsync(IPage page, bool dark, bool chinese)
    {
        var url = session.BaseUrl;
        return page.Context.AddCookiesAsync(
        [
            new Cookie { Name = "smsportal.theme", Value = dark ? "dark" : "light", Url = url },
            new Cookie { Name = ".AspNetCore.Culture", Value = chinese ? "c=zh-CN|uic=zh-CN" : "c=en|uic=en", Url = url },
        ]);
    }
}
