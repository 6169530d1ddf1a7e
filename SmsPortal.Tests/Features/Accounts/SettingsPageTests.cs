using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Accounts;
using SmsPortal.Web.Features.Identity;

namespace SmsPortal.Tests.Features.Accounts;

/// <summary>The settings page rendered by bUnit on the portal's real services and database.</summary>
public sealed class SettingsPageTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private ConsolePageContext _page = default!;
    private TestAccounts.Made _account = default!;

    private AccountSettingsService Settings => fixture.Portal.Service<AccountSettingsService>();

    public async Task InitializeAsync()
    {
        _account = await TestAccounts.CreateAsync(fixture.Portal);
        _page = new ConsolePageContext(_account.Id, fixture.Portal.Service<AccountService>(), Settings,
            fixture.Portal.Service<SmsPortal.Infrastructure.Doors.Smtp.SmtpDoorOptions>(), fixture.Portal.Service<SmsPortal.Infrastructure.Doors.Smtp.MailDoorAccounts>());
    }

    public async Task DisposeAsync() => await _page.DisposeAsync();

    private IRenderedComponent<AccountSettingsPage> Render() => _page.Render<AccountSettingsPage>("[data-testid=save-settings]");

    [Fact]
    public void ShowsThePlatformsLimitBesideEachOfTheAccounts()
    {
        var page = Render();

        Assert.Equal("5", page.Find("[data-testid=platform-MaxPerNumberPerDay]").TextContent);
        Assert.Equal("20", page.Find("[data-testid=platform-MaxIdenticalPerNumberPerDay]").TextContent);
        Assert.Equal("No cap", page.Find("[data-testid=platform-MaxPerAccountPerDay]").TextContent);
        Assert.Contains(_account.ApiId, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALimitThatWouldLoosenThePlatformsIsRefusedWithItsReasonAndNothingIsSaved()
    {
        var page = Render();

        page.Find("[data-testid=receipt-url]").Change("https://example.com/receipts");
        page.Find("[data-testid=limit-MaxPerNumberPerDay]").Change("6");
        page.Find("[data-testid=save-settings]").Click();

        var refused = page.WaitForElement("[data-testid=settings-refused]");
        Assert.Contains("Nothing was saved", refused.TextContent, StringComparison.Ordinal);
        Assert.Contains("Messages to one number a day: 6 would loosen the platform's limit of 5: you can only tighten it.", refused.TextContent, StringComparison.Ordinal);
        var stored = await Settings.GetAsync(_account.Id, CancellationToken.None);
        Assert.Null(stored!.Limits.MaxPerNumberPerDay);
        Assert.Null(stored.ReceiptPushUrl);
    }

    [Fact]
    public async Task ABadPushUrlAndABadAddressAreMarkedOnTheirFields()
    {
        var page = Render();

        page.Find("[data-testid=reply-url]").Change("ftp://example.com/replies");
        page.Find("[data-testid=allowed-ips]").Change("203.0.113.7\n10.1");
        page.Find("[data-testid=save-settings]").Click();

                page.WaitForAssertion(() => Assert.Equal("\"10.1\" is not an IPv4 or IPv6 address.", HelperText(page, "allowed-ips")));
        Assert.Equal("enter a full address that starts with http:// or https://.", HelperText(page, "reply-url"));
        Assert.Equal("true", page.Find("[data-testid=reply-url]").GetAttribute("aria-invalid"));
        Assert.Equal("false", page.Find("[data-testid=receipt-url]").GetAttribute("aria-invalid"));
        Assert.Empty((await Settings.GetAsync(_account.Id, CancellationToken.None))!.AllowedIps);
    }

    [Fact]
    public async Task TighterLimitsAndMaskingAreSaved()
    {
        var page = Render();

        page.Find("[data-testid=limit-MaxPerNumberPerDay]").Change("3");
        page.Find("[data-testid=limit-MaxPerAccountPerDay]").Change("500");
        page.Find("[data-testid=allowed-ips]").Change("203.0.113.7, 2001:DB8::1");
        page.Find("[data-testid=mask-records]").Change(true);
        page.Find("[data-testid=save-settings]").Click();

        await WaitForAsync(async () => (await Settings.GetAsync(_account.Id, CancellationToken.None))!.MaskRecords);
        var stored = await Settings.GetAsync(_account.Id, CancellationToken.None);
        Assert.Equal(3, stored!.Limits.MaxPerNumberPerDay);
        Assert.Equal(500, stored.Limits.MaxPerAccountPerDay);
        Assert.Equal(["203.0.113.7", "2001:db8::1"], stored.AllowedIps);
        page.WaitForAssertion(() => Assert.Equal("203.0.113.7\n2001:db8::1", page.Find("[data-testid=allowed-ips]").GetAttribute("value")));
        Assert.Empty(page.FindAll("[data-testid=settings-refused]"));
    }

    [Fact]
    public void TheSettingsSpeakChinese()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");

        var page = Render();

        Assert.Contains("您的发送限制", page.Markup, StringComparison.Ordinal);
        Assert.Contains("IP 绑定", page.Markup, StringComparison.Ordinal);
        Assert.Equal("不限", page.Find("[data-testid=platform-MaxPerAccountPerDay]").TextContent);
    }

    /// <summary>The text under a MudBlazor field: its helper, or its error once it has one.</summary>
    private static string HelperText(IRenderedComponent<AccountSettingsPage> page, string testId)
    {
        var control = page.Find($"[data-testid={testId}]").Closest(".mud-input-control");
        return control?.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "The condition did not become true within 10 seconds.");
            await Task.Delay(50);
        }
    }
}
