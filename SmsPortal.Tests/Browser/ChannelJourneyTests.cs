using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class ChannelJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private const string Password = "Channels#2026";

    [Fact]
    public async Task TheAdminAddsAChannelAndARouteACustomerSendsThroughItAndReadsTheReply()
    {
        var (customer, accountId) = await SignedInCustomerAsync();
        var admin = await SignedInAdminAsync();

        // A Simulator channel, added on the page.
        await admin.GotoAsync("/admin/channels");
        await InteractiveAsync(admin);
        await Assertions.Expect(admin.Locator("[data-testid=channel-simulator]")).ToBeVisibleAsync();
        await admin.ClickAsync("[data-testid=channel-add]");
        await admin.FillAsync("[data-testid=channel-name]", "sim139");
        await admin.ClickAsync("[data-testid=channel-type]");
        await admin.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Simulator" }).ClickAsync();
        await Assertions.Expect(admin.Locator("[data-testid=channel-hint]")).ToContainTextAsync("ReceiptDelayMilliseconds");
        await admin.FillAsync("[data-testid=channel-settings]", """{ "ReceiptDelayMilliseconds": "soon" }""");
        await admin.ClickAsync("[data-testid=channel-save]");
        await Assertions.Expect(admin.Locator("[data-testid=channel-problems]")).ToContainTextAsync("ReceiptDelayMilliseconds: 'soon' is not a whole number");
        await Shot(admin, "admin-channel-form-refused-en");
        await admin.FillAsync("[data-testid=channel-settings]", """{ "ReceiptDelayMilliseconds": 200, "Password": "not-on-the-list" }""");
        await admin.ClickAsync("[data-testid=channel-save]");
        await Assertions.Expect(admin.Locator("[data-testid=channel-sim139]")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("[data-testid=up-sim139]")).ToHaveTextAsync("Up");
        await Assertions.Expect(admin.Locator("[data-testid=channels]")).Not.ToContainTextAsync("not-on-the-list");

        // A test send: the simulator refuses numbers ending 9999 and takes the others.
        await admin.ClickAsync("[data-testid=test-sim139]");
        await admin.FillAsync("[data-testid=test-number]", "13800139999");
        await admin.ClickAsync("[data-testid=test-send]");
        await Assertions.Expect(admin.Locator("[data-testid=test-outcome]")).ToHaveTextAsync("Rejected");
        await Assertions.Expect(admin.Locator("[data-testid=test-raw]")).ToContainTextAsync("ESME_RSUBMITFAIL");
        await admin.FillAsync("[data-testid=test-number]", "+86 138 0013 8000");
        await admin.ClickAsync("[data-testid=test-send]");
        await Assertions.Expect(admin.Locator("[data-testid=test-outcome]")).ToHaveTextAsync("Accepted");
        await Shot(admin, "admin-channel-test-send-en");
        await admin.ClickAsync("[data-testid=test-close]");
        Assert.Equal(0, await QueryAsync(db => db.Messages.CountAsync(m => m.Mobile == "13800138000" && m.AccountId == accountId)));

        // A route for 139 numbers to it, with a cost.
        await admin.ClickAsync("[data-testid=nav] >> text=Routes");
        await admin.WaitForURLAsync("**/admin/routes");
        await InteractiveAsync(admin);
        await admin.ClickAsync("[data-testid=route-add]");
        await admin.ClickAsync("[data-testid=route-channel]");
        await admin.Locator(".mud-popover-open .mud-list-item", new() { HasText = "sim139" }).ClickAsync();
        await admin.FillAsync("[data-testid=route-prefix]", "139");
        await admin.FillAsync("[data-testid=route-priority]", "10");
        await admin.FillAsync("[data-testid=route-cost]", "0.035");
        await admin.ClickAsync("[data-testid=route-save]");
        var row = admin.Locator("[data-testid=routes] tbody tr", new() { HasText = "sim139" });
        await Assertions.Expect(row).ToContainTextAsync("139…");
        await Assertions.Expect(row).ToContainTextAsync("0.035");
        await admin.FillAsync("[data-testid=tester-number]", "13912345678");
        await admin.ClickAsync("[data-testid=tester-try]");
        await Assertions.Expect(admin.Locator("[data-testid=tester-result]")).ToContainTextAsync("sim139");
        await Shot(admin, "admin-routes-en");

        // The customer sends to a 139 number through the vendor API: it leaves through sim139 at the route's cost.
        var apiId = await QueryAsync(db => db.Accounts.Where(a => a.Id == accountId).Select(a => a.ApiId).SingleAsync());
        var apiKey = await session.Portal.Service<AccountService>().RotateKeyAsync(accountId, CancellationToken.None);
        var answer = await new VendorClient(session.Portal.CreateClient()).SubmitAsync(apiId, apiKey, "13912345678", "5931", "1");
        Assert.Equal(2, answer.Code);
        var sent = await WaitForAsync(() => QueryAsync(db => db.Messages.SingleOrDefaultAsync(m => m.AccountId == accountId && m.Status == MessageStatus.Delivered)));
        Assert.Equal("sim139", sent.Channel);
        Assert.Equal(0.035m, sent.UpstreamCost);

        await admin.GotoAsync("/admin/channels");
        await InteractiveAsync(admin);
        await Assertions.Expect(admin.Locator("[data-testid=up-sim139]")).ToHaveTextAsync("Up");
        await Assertions.Expect(admin.Locator("[data-testid=state-sim139]")).ToHaveTextAsync("ready");
        await Shot(admin, "admin-channels-en");

        // The handset answers; the customer's replies page shows it without a reload.
        await customer.ClickAsync("[data-testid=nav] >> text=Replies");
        await customer.WaitForURLAsync("**/console/replies");
        await InteractiveAsync(customer);
        await customer.EvaluateAsync("() => window.smsPortalNotReloaded = true");
        await session.Portal.Service<IUpstreamEvents>().ReplyAsync("sim139", new InboundReply("8613912345678", "106900", "收到，谢谢", DateTimeOffset.UtcNow, "raw"), CancellationToken.None);
        var reply = customer.Locator("[data-testid=replies-grid] tbody tr", new() { HasText = "收到，谢谢" });
        await Assertions.Expect(reply).ToContainTextAsync(sent.SmsId, new() { Timeout = 5_000 });
        Assert.True(await customer.EvaluateAsync<bool>("() => window.smsPortalNotReloaded === true"), "The replies page was reloaded.");
        await session.Portal.Service<IUpstreamEvents>().ReplyAsync("sim139", new InboundReply("13912345678", "106900", "TD", DateTimeOffset.UtcNow, "raw"), CancellationToken.None);
        await Assertions.Expect(customer.Locator("[data-testid=opt-out]")).ToBeVisibleAsync();
        await Shot(customer, "console-replies-en");

        await session.Portal.Service<IUpstreamEvents>().ReplyAsync("sim139", new InboundReply("13700000001", "106900", "你是谁？", DateTimeOffset.UtcNow, "raw"), CancellationToken.None);
        await admin.GotoAsync("/admin/replies");
        await Assertions.Expect(admin.Locator("[data-testid=replies-grid]")).ToContainTextAsync(apiId);
        await Assertions.Expect(admin.Locator("[data-testid=unmatched]")).ToHaveTextAsync("Unmatched");
        await Shot(admin, "admin-replies-en");

        // The same pages in Chinese.
        await customer.ClickAsync("[data-testid=language-switch]");
        await customer.WaitForURLAsync("**/console/replies");
        await Assertions.Expect(customer.Locator("h4").First).ToHaveTextAsync("上行回复");
        await Assertions.Expect(customer.Locator("[data-testid=opt-out]")).ToHaveTextAsync("退订");
        await Shot(customer, "console-replies-zh");

        await InteractiveAsync(admin);
        await admin.ClickAsync("[data-testid=language-switch]");
        await admin.WaitForURLAsync("**/admin/replies");
        await Assertions.Expect(admin.Locator("h4").First).ToHaveTextAsync("上行回复（全部账户）");
        await Shot(admin, "admin-replies-zh");
        await admin.GotoAsync("/admin/channels");
        await Assertions.Expect(admin.Locator("[data-testid=up-sim139]")).ToHaveTextAsync("正常");
        await Shot(admin, "admin-channels-zh");
        await InteractiveAsync(admin);
        await admin.ClickAsync("[data-testid=view-simulator]");
        await Assertions.Expect(admin.Locator("[data-testid=channel-readonly]")).ToContainTextAsync("内置模拟器");
        await Shot(admin, "admin-channel-builtin-zh");
        await admin.GotoAsync("/admin/routes");
        await InteractiveAsync(admin);
        await admin.FillAsync("[data-testid=tester-number]", "13912345678");
        await admin.ClickAsync("[data-testid=tester-try]");
        await Assertions.Expect(admin.Locator("[data-testid=tester-result]")).ToContainTextAsync("sim139");
        await Shot(admin, "admin-routes-zh");
    }

    private static Task InteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive=true]").First).ToBeAttachedAsync();

    private static async Task Shot(IPage page, string name)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await BrowserSession.ScreenshotAsync(page, name);
    }

    private async Task<T> QueryAsync<T>(Func<SmsPortalDbContext, Task<T>> query)
    {
        await using var db = await session.Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < until, "Not there within 30 seconds.");
            await Task.Delay(100);
        }
    }

    private async Task<IPage> SignedInAdminAsync()
    {
        var page = await session.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", PortalFactory.AdminEmail);
        await page.FillAsync("#Input\\.Password", PortalFactory.AdminPassword);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync("**/admin");
        return page;
    }

    private async Task<(IPage Page, int AccountId)> SignedInCustomerAsync()
    {
        var email = $"channels-{Guid.NewGuid():N}@example.com";
        var page = await session.NewPageAsync();
        await page.GotoAsync("/Account/Register");
        await page.FillAsync("#Input\\.Company", "Shenzhen Courier Co");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", Password);
        await page.FillAsync("#Input\\.ConfirmPassword", Password);
        await page.ClickAsync("[data-testid=register-submit]");
        await Assertions.Expect(page.Locator("[data-testid=check-mail]")).ToContainTextAsync(email);
        await page.GotoAsync(new Uri(await People.ConfirmationLinkAsync(session.Portal.MailFolder, email)).PathAndQuery);
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync("**/console");
        return (page, (await People.FindAsync(session.Portal, email))!.AccountId!.Value);
    }
}
