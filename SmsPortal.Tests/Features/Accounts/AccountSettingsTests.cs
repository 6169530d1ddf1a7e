using SmsPortal.Domain.Accounts;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Accounts;

/// <summary>The console's settings through the service the page calls, on the real portal and database.</summary>
public sealed class AccountSettingsTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    private AccountSettingsService Settings => Portal.Service<AccountSettingsService>();

    private static AccountSettingsChange Change(
        string? receipt = null, string[]? ips = null, bool mask = false, AccountLimits? limits = null, string? reply = null, string? review = null) =>
        new(receipt, reply, review, ips ?? [], mask, limits ?? new AccountLimits());

    [Fact]
    public async Task TighterLimitsAreStoredAndTheAcceptanceRulesUseThemAtOnce()
    {
        var account = await TestAccounts.CreateAsync(Portal, credits: 100);
        var profiles = Portal.Service<SendingProfiles>();
        Assert.Null((await profiles.FindByAccountIdAsync(account.Id, CancellationToken.None))!.Limits.MaxPerAccountPerDay);

        var result = await Settings.SaveAsync(account.Id, Change(limits: new AccountLimits { MaxPerNumberPerDay = 3, MaxPerAccountPerDay = 1 }), CancellationToken.None);

        Assert.True(result.IsSaved);
        var stored = await Settings.GetAsync(account.Id, CancellationToken.None);
        Assert.Equal(3, stored!.Limits.MaxPerNumberPerDay);
        Assert.Equal(1, stored.Limits.MaxPerAccountPerDay);
        Assert.Null(stored.Limits.MaxIdenticalPerNumberPerMinute);
        var profile = await profiles.FindByAccountIdAsync(account.Id, CancellationToken.None);
        Assert.Equal(3, profile!.Limits.MaxPerNumberPerDay);

        var api = new VendorClient(Portal.CreateClient());
        var first = await api.SubmitAsync(account.ApiId, account.ApiKey, "13800138101", "1111", "1");
        var second = await api.SubmitAsync(account.ApiId, account.ApiKey, "13800138102", "2222", "1");
        Assert.Equal(2, first.Code);
        Assert.Equal(4051, second.Code);
    }

    [Theory]
    [InlineData(nameof(AccountLimits.MaxPerNumberPerDay), 6, 5)]
    [InlineData(nameof(AccountLimits.MaxVerificationCodesPerNumberPerDay), 50, 5)]
    [InlineData(nameof(AccountLimits.MaxIdenticalPerNumberPerMinute), 3, 2)]
    [InlineData(nameof(AccountLimits.MaxIdenticalPerNumberPerDay), 21, 20)]
    public async Task ALimitLooserThanThePlatformsIsRefusedAndNothingIsSaved(string field, int value, int platform)
    {
        var account = await TestAccounts.CreateAsync(Portal);
        var limits = new AccountLimits();
        typeof(AccountLimits).GetProperty(field)!.SetValue(limits, value);

        var result = await Settings.SaveAsync(account.Id, Change(receipt: "https://example.com/receipts", mask: true, limits: limits), CancellationToken.None);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(new SettingsProblem(field, SettingsProblemKind.LimitLooser, value.ToString(System.Globalization.CultureInfo.InvariantCulture), platform), problem);
        await AssertUnchangedAsync(account.Id);
    }

    [Fact]
    public async Task AZeroLimitIsRefused()
    {
        var account = await TestAccounts.CreateAsync(Portal);

        var result = await Settings.SaveAsync(account.Id, Change(limits: new AccountLimits { MaxPerAccountPerDay = 0 }), CancellationToken.None);

        Assert.Equal(SettingsProblemKind.LimitBelowOne, Assert.Single(result.Problems).Kind);
        await AssertUnchangedAsync(account.Id);
    }

    [Theory]
    [InlineData("ftp://example.com/receipts")]
    [InlineData("javascript:alert(1)")]
    [InlineData("example.com/receipts")]
    [InlineData("https://exa mple.com/")]
    [InlineData("/receipts")]
    public async Task APushUrlThatIsNotHttpIsRefusedAndNothingIsSaved(string url)
    {
        var account = await TestAccounts.CreateAsync(Portal);

        var result = await Settings.SaveAsync(account.Id, Change(receipt: "https://example.com/ok", reply: url, mask: true), CancellationToken.None);

        Assert.Equal(new SettingsProblem(nameof(AccountSettingsChange.ReplyPushUrl), SettingsProblemKind.NotHttpUrl, url.Trim()), Assert.Single(result.Problems));
        await AssertUnchangedAsync(account.Id);
    }

    [Theory]
    [InlineData("10.1")]
    [InlineData("300.1.1.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("localhost")]
    [InlineData("1.2.3.4/24")]
    [InlineData("2001:db8::g")]
    public async Task AnAddressThatIsNotAnIpIsRefusedAndNothingIsSaved(string address)
    {
        var account = await TestAccounts.CreateAsync(Portal);

        var result = await Settings.SaveAsync(account.Id, Change(ips: ["203.0.113.7", address], mask: true), CancellationToken.None);

        Assert.Equal(new SettingsProblem(nameof(AccountSettingsChange.AllowedIps), SettingsProblemKind.NotIpAddress, address), Assert.Single(result.Problems));
        await AssertUnchangedAsync(account.Id);
    }

    [Fact]
    public async Task AddressesAreStoredAsTheApiComparesThemAndBindTheApiAtOnce()
    {
        var account = await TestAccounts.CreateAsync(Portal, credits: 10);
        var api = new VendorClient(Portal.CreateClient());
        Assert.Equal(2, (await api.SubmitAsync(account.ApiId, account.ApiKey, "13800138111", "1234", "1")).Code);

        var result = await Settings.SaveAsync(account.Id, Change(ips: ["::ffff:203.0.113.7", "2001:DB8::1", "203.0.113.7", " 198.51.100.20 "]), CancellationToken.None);

        Assert.True(result.IsSaved);
        Assert.Equal(["203.0.113.7", "2001:db8::1", "198.51.100.20"], (await Settings.GetAsync(account.Id, CancellationToken.None))!.AllowedIps);
        var refused = await api.SubmitAsync(account.ApiId, account.ApiKey, "13800138112", "1234", "1");
        Assert.Equal(4052, refused.Code);
        Assert.Equal("访问ip与备案ip不符", refused.Msg);
    }

    [Fact]
    public async Task PushUrlsAndMaskingAreStoredTrimmedAndClearedWhenEmptied()
    {
        var account = await TestAccounts.CreateAsync(Portal);

        Assert.True((await Settings.SaveAsync(account.Id, Change(receipt: "  https://example.com/r ", reply: "http://203.0.113.5:8080/reply", review: "https://example.com/review", mask: true), CancellationToken.None)).IsSaved);
        var saved = await Settings.GetAsync(account.Id, CancellationToken.None);
        Assert.Equal("https://example.com/r", saved!.ReceiptPushUrl);
        Assert.Equal("http://203.0.113.5:8080/reply", saved.ReplyPushUrl);
        Assert.Equal("https://example.com/review", saved.ReviewPushUrl);
        Assert.True(saved.MaskRecords);

        Assert.True((await Settings.SaveAsync(account.Id, Change(receipt: " "), CancellationToken.None)).IsSaved);
        var cleared = await Settings.GetAsync(account.Id, CancellationToken.None);
        Assert.Null(cleared!.ReceiptPushUrl);
        Assert.Null(cleared.ReplyPushUrl);
        Assert.False(cleared.MaskRecords);
    }

    private async Task AssertUnchangedAsync(int accountId)
    {
        var settings = await Settings.GetAsync(accountId, CancellationToken.None);
        Assert.Null(settings!.ReceiptPushUrl);
        Assert.Null(settings.ReplyPushUrl);
        Assert.Empty(settings.AllowedIps);
        Assert.False(settings.MaskRecords);
        Assert.Equivalent(new AccountLimits(), settings.Limits);
    }
}
