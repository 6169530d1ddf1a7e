using System.Globalization;
using Bunit;
using SmsPortal.Infrastructure.Doors.Smtp;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Doors;

namespace SmsPortal.Tests.Features.Doors;

/// <summary>
/// The console's Email-to-SMS card (decision 0032), rendered by bUnit on the portal's real mail door settings service and
/// database, as on a platform that runs the SMTP door: it saves what the person chose and refuses a bad sender list.
/// </summary>
public sealed class MailDoorSettingsCardTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private static readonly SmtpDoorOptions Door = new() { Port = 2525, Domain = "sms.example.com" };

    private ConsolePageContext _page = default!;
    private TestAccounts.Made _account = default!;

    private MailDoorAccounts Accounts => fixture.Portal.Service<MailDoorAccounts>();

    public async Task InitializeAsync()
    {
        _account = await TestAccounts.CreateAsync(fixture.Portal);
        _page = new ConsolePageContext(_account.Id, Door, Accounts);
    }

    public async Task DisposeAsync() => await _page.DisposeAsync();

    private IRenderedComponent<MailDoorSettingsCard> Render(bool hasIpBinding = true) =>
        _page.Render<MailDoorSettingsCard>(p => p.Add(c => c.HasIpBinding, hasIpBinding), "[data-testid=save-mail-door]");

    [Fact]
    public async Task TheSwitchesAndTheSenderAddressesAreSavedCleanedAndShownAgain()
    {
        var page = Render();
        Assert.Contains("sms.example.com", page.Markup, StringComparison.Ordinal);

        page.Find("[data-testid=mail-subject]").Change(true);
        page.Find("[data-testid=mail-receipts]").Change(true);
        page.Find("[data-testid=mail-senders]").Change("Ops@Example.com, billing@example.com\nops@example.com");
        page.Find("[data-testid=save-mail-door]").Click();

        await Eventually.HoldsAsync(async () => (await Accounts.GetAsync(_account.Id, CancellationToken.None)).MailReceipts, "the settings are saved");
        var stored = await Accounts.GetAsync(_account.Id, CancellationToken.None);
        Assert.True(stored.SubjectIsMessage);
        Assert.Equal("ops@example.com\nbilling@example.com", stored.AllowedSenders);
        page.WaitForAssertion(() => Assert.Equal("ops@example.com\nbilling@example.com", page.Find("[data-testid=mail-senders]").GetAttribute("value")));

        // A fresh card reads back what was saved.
        var again = Render();
        Assert.Equal("ops@example.com\nbilling@example.com", again.Find("[data-testid=mail-senders]").GetAttribute("value"));
    }

    [Fact]
    public async Task ANonAddressOrTooManyAddressesAreRefusedOnTheFieldAndNothingIsSaved()
    {
        var page = Render();

        page.Find("[data-testid=mail-receipts]").Change(true);
        page.Find("[data-testid=mail-senders]").Change("ops@example.com\nnot-an-address");
        page.Find("[data-testid=save-mail-door]").Click();

        page.WaitForAssertion(() => Assert.Equal("'not-an-address' is not a mail address.", HelperText(page)));
        Assert.Equal("true", page.Find("[data-testid=mail-senders]").GetAttribute("aria-invalid"));

        var tooMany = string.Join('\n', Enumerable.Range(1, 21).Select(i => $"sender{i}@example.com"));
        page.Find("[data-testid=mail-senders]").Change(tooMany);
        page.Find("[data-testid=save-mail-door]").Click();

        page.WaitForAssertion(() => Assert.Equal("At most 20 sender addresses.", HelperText(page)));
        var stored = await Accounts.GetAsync(_account.Id, CancellationToken.None);
        Assert.Equal((false, false, (string?)null), (stored.MailReceipts, stored.SubjectIsMessage, stored.AllowedSenders));
    }

    [Fact]
    public void WithoutAnIpBindingTheCardWarnsThatAllowedSendersDoNothingYetAndItSpeaksChinese()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var page = Render(hasIpBinding: false);

        page.Find("[data-testid=mail-senders]").Change("ops@example.com");

        page.WaitForAssertion(() => Assert.Contains("IP", page.Find(".mud-alert-message").TextContent, StringComparison.Ordinal));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", page.Find(".mud-alert-message").TextContent);
    }

    /// <summary>The text under the senders field: its helper, or its error once it has one.</summary>
    private static string HelperText(IRenderedComponent<MailDoorSettingsCard> page) =>
        page.Find("[data-testid=mail-senders]").Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";
}
