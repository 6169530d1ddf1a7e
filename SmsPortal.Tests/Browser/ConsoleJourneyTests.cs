using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Channels.Simulator;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Browser;

/// <summary>
/// The portal in Chromium, its simulator holding receipts back: the test hands each receipt to the portal through the
/// same interface the simulator uses, once the records page shows the message pending. On a busy machine a receipt that
/// comes by itself after a second or two may beat the page, and the change would not be seen.
/// </summary>
public sealed class SlowReceiptsBrowser : IAsyncLifetime
{
    public BrowserSession Session { get; } = new();

    public Task InitializeAsync()
    {
        Session.Portal.Settings["Channels:Simulator:ReceiptDelayMilliseconds"] = "300000";
        return Session.InitializeAsync();
    }

    public Task DisposeAsync() => Session.DisposeAsync();
}

[Trait("Category", "Browser")]
public sealed class ConsoleJourneyTests(SlowReceiptsBrowser browser) : IClassFixture<SlowReceiptsBrowser>
{
    private const string Password = "Console#2026";

    private BrowserSession Session => browser.Session;

    [Fact]
    public async Task ACustomerSendsTheDefaultTemplateAndWatchesItTurnDeliveredInTheRecordsWithoutReloading()
    {
        var (page, email) = await SignedInCustomerAsync();

        await page.ClickAsync("[data-testid=nav] >> text=Send SMS");
        await page.WaitForURLAsync("**/console/send");
        await BrowserSession.InteractiveAsync(page);
        await page.FillAsync("[data-testid=variable-0]", "482916");
        await page.FillAsync("[data-testid=numbers]", "13800138000\n13900139001, 13700137002\n13600130000\n15800158004\n1380013");
        await Assertions.Expect(page.Locator("[data-testid=cost]")).ToHaveTextAsync("5");
        await Assertions.Expect(page.Locator("[data-testid=preview]")).ToHaveTextAsync("【SmsPortal】您的验证码是：482916。请不要把验证码泄露给其他人。");
        await Assertions.Expect(page.Locator("[data-testid=bad-numbers]")).ToContainTextAsync("1380013");
        await ShotAsync(page, "console-send-en");

        await page.ClickAsync("[data-testid=send]");
        await Assertions.Expect(page.Locator("[data-testid=confirm-cost]")).ToHaveTextAsync("5");
        await ShotAsync(page, "console-send-confirm-en");
        await page.ClickAsync("[data-testid=confirm-send]");
        await Assertions.Expect(page.Locator("[data-testid=accepted-count]")).ToHaveTextAsync("5 accepted");
        await Assertions.Expect(page.Locator("[data-testid=result-table]")).ToContainTextAsync("提交成功");
        await ShotAsync(page, "console-send-results-en");

        await page.ClickAsync("[data-testid=see-records]");
        await page.WaitForURLAsync("**/console/records");
        await page.EvaluateAsync("() => window.smsPortalNotReloaded = true");
        var row = page.Locator("[data-testid=records-grid] tbody tr", new() { HasText = "13800138000" });
        await Assertions.Expect(row).ToContainTextAsync(new Regex("Queued|Sending|Sent to carrier"));
        await Assertions.Expect(page.Locator("[data-testid=stat-Today-delivered]")).ToHaveTextAsync("0");

        var accountId = (await People.FindAsync(Session.Portal, email))!.AccountId!.Value;
        await ReceiptAsync(accountId, "13800138000", delivered: true);
        // Well within the page's 15-second look-again: only the receipt's event can have changed the row this soon.
        await Assertions.Expect(row).ToContainTextAsync("Delivered", new() { Timeout = 5_000 });
        await Assertions.Expect(page.Locator("[data-testid=stat-Today-delivered]")).ToHaveTextAsync("1");
        foreach (var mobile in new[] { "13900139001", "13700137002", "15800158004" })
        {
            await ReceiptAsync(accountId, mobile, delivered: true);
        }

        await ReceiptAsync(accountId, "13600130000", delivered: false);
        await Assertions.Expect(page.Locator("[data-testid=records-grid] tbody tr", new() { HasText = "13600130000" })).ToContainTextAsync("Failed");
        Assert.True(await page.EvaluateAsync<bool>("() => window.smsPortalNotReloaded === true"), "The records page was not reloaded.");
        await Assertions.Expect(page.Locator("[data-testid=stat-Today-delivered]")).ToHaveTextAsync("4");
        await Assertions.Expect(page.Locator("[data-testid=stat-Today-failed]")).ToHaveTextAsync("1");
        await ShotAsync(page, "console-records-en");

        await page.ClickAsync("[data-testid=nav] >> text=Settings");
        await page.WaitForURLAsync("**/console/settings");
        await Assertions.Expect(page.Locator("[data-testid=platform-MaxPerNumberPerDay]")).ToHaveTextAsync("5");
        await ShotAsync(page, "console-settings-en");
        await page.FillAsync("[data-testid=limit-MaxPerNumberPerDay]", "9");
        await page.FillAsync("[data-testid=allowed-ips]", "203.0.113.7\n10.1");
        await page.ClickAsync("[data-testid=save-settings]");
        await Assertions.Expect(page.Locator("[data-testid=settings-refused]")).ToContainTextAsync("9 would loosen the platform's limit of 5");
        await ShotAsync(page, "console-settings-refused-en");

        await page.ClickAsync("[data-testid=language-switch]");
        await page.WaitForURLAsync("**/console/settings");
        await Assertions.Expect(page.Locator("h4").First).ToHaveTextAsync("设置");
        await ShotAsync(page, "console-settings-zh");

        await page.GotoAsync("/console/records");
        await Assertions.Expect(page.Locator("[data-testid=records-grid]")).ToContainTextAsync("发送成功");
        await ShotAsync(page, "console-records-zh");

        await page.GotoAsync("/console/send");
        await BrowserSession.InteractiveAsync(page);
        await page.FillAsync("[data-testid=variable-0]", "7315");
        await page.FillAsync("[data-testid=numbers]", "13800138000\n13900139001");
        await Assertions.Expect(page.Locator("[data-testid=send]")).ToHaveTextAsync("发送给 2 个号码");
        await ShotAsync(page, "console-send-zh");
    }

    /// <summary>A full-page screenshot from the top, so the app bar sits where a reader expects it.</summary>
    private static async Task ShotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await BrowserSession.ScreenshotAsync(page, name);
    }

    /// <summary>What the carrier reports for the message to <paramref name="mobile"/>, once dispatch handed it over.</summary>
    private async Task ReceiptAsync(int accountId, string mobile, bool delivered)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        string? upstreamId;
        while (true)
        {
            await using (var db = await Session.Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
            {
                upstreamId = await db.Messages.Where(m => m.AccountId == accountId && m.Mobile == mobile && m.Status == MessageStatus.Submitted)
                    .Select(m => m.UpstreamId).SingleOrDefaultAsync();
            }

            if (upstreamId is not null)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < until, $"The message to {mobile} was not handed to the simulator within 30 seconds.");
            await Task.Delay(100);
        }

        var stat = delivered ? "DELIVRD" : "UNDELIV";
        await Session.Portal.Service<IUpstreamEvents>().ReceiptAsync(SimulatorChannel.ChannelName, upstreamId, delivered, $"id:{upstreamId} stat:{stat}", CancellationToken.None);
    }

    private async Task<(IPage Page, string Email)> SignedInCustomerAsync()
    {
        var email = $"console-{Guid.NewGuid():N}@example.com";
        var page = await Session.NewPageAsync();
        await page.GotoAsync("/Account/Register");
        await page.FillAsync("#Input\\.Company", "Hangzhou Parcel Co");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", Password);
        await page.FillAsync("#Input\\.ConfirmPassword", Password);
        await page.ClickAsync("[data-testid=register-submit]");
        await Assertions.Expect(page.Locator("[data-testid=check-mail]")).ToContainTextAsync(email);
        await page.GotoAsync(new Uri(await People.ConfirmationLinkAsync(Session.Portal.MailFolder, email)).PathAndQuery);
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync("**/console");
        await BrowserSession.InteractiveAsync(page);
        return (page, email);
    }
}
