using Microsoft.Extensions.Configuration;
using System.Net;
using Bunit;
using SmsPortal.Domain.Accounts;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Pushes;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Accounts;

namespace SmsPortal.Tests.Features.Accounts;

/// <summary>A portal whose operator allowed pushes into no internal host, as a fresh install is.</summary>
public sealed class StrictPushPortalFixture() : ConfiguredPortalFixture(new Dictionary<string, string?> { ["Pushes:AllowedInternalHosts:0"] = "" });

/// <summary>
/// Push URLs cannot reach inside the network (blind SSRF): the same policy refuses them when a customer saves one and
/// when a push connects, the push client follows no redirect, and only what the operator lists gets through.
/// </summary>
public sealed class PushAddressTests(StrictPushPortalFixture strict, PortalFixture allowing) : IClassFixture<StrictPushPortalFixture>, IClassFixture<PortalFixture>
{
    private static AccountSettingsChange Receipt(string url) => new(url, null, null, [], false, new AccountLimits());

    [Theory]
    [InlineData("http://127.0.0.1/receipts")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[::ffff:192.168.1.1]:8080/")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("https://172.16.5.4/")]
    [InlineData("http://localhost:8080/receipts")]
    public async Task APushUrlInsideTheNetworkIsRefusedOnSaveAndNothingIsSaved(string url)
    {
        var account = await TestAccounts.CreateAsync(strict.Portal);
        var settings = strict.Portal.Service<AccountSettingsService>();

        var result = await settings.SaveAsync(account.Id, Receipt(url), CancellationToken.None);

        Assert.Equal(new SettingsProblem(nameof(AccountSettingsChange.ReceiptPushUrl), SettingsProblemKind.InternalAddress, url), Assert.Single(result.Problems));
        Assert.Null((await settings.GetAsync(account.Id, CancellationToken.None))!.ReceiptPushUrl);
    }

    [Fact]
    public async Task ThePageSaysWhyAnInternalPushUrlIsRefused()
    {
        var account = await TestAccounts.CreateAsync(strict.Portal);
        var settings = strict.Portal.Service<AccountSettingsService>();
        await using var context = new ConsolePageContext(account.Id, strict.Portal.Service<AccountService>(), settings,
            strict.Portal.Service<SmsPortal.Infrastructure.Doors.Smtp.SmtpDoorOptions>(), strict.Portal.Service<SmsPortal.Infrastructure.Doors.Smtp.MailDoorAccounts>());
        var page = context.Render<AccountSettingsPage>("[data-testid=save-settings]");

        page.Find("[data-testid=receipt-url]").Change("http://169.254.169.254/latest/meta-data/");
        page.Find("[data-testid=reply-url]").Change("http://203.0.113.9:25/replies");
        page.Find("[data-testid=save-settings]").Click();

        page.WaitForAssertion(() => Assert.Contains("pushes go only to public addresses", page.Find("[data-testid=settings-refused]").TextContent, StringComparison.Ordinal));
        Assert.Contains("use port 80, 443 or a port from 1024 up", page.Find("[data-testid=settings-refused]").TextContent, StringComparison.Ordinal);
        Assert.Null((await settings.GetAsync(account.Id, CancellationToken.None))!.ReceiptPushUrl);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task APushToANameThatResolvesToLoopbackIsRefusedWhenItConnects(string host)
    {
        // The URL is already stored (saved before the name pointed inside, or written straight to the database):
        // the client itself refuses the address it would dial.
        await using var receiver = new PushReceiver();
        var client = strict.Portal.Service<IHttpClientFactory>().CreateClient(PushOutbox.HttpClientName);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync($"http://{host}:{receiver.Port}/receipts", new FormUrlEncodedContent([new("smsid", "1")])));

        Assert.Contains("inside the network", error.Message + error.InnerException?.Message, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task APushClientFollowsNoRedirect()
    {
        await using var target = new PushReceiver();
        using var redirector = new HttpListener();
        var port = Peers.FreePort();
        redirector.Prefixes.Add($"http://127.0.0.1:{port}/");
        redirector.Start();
        var answered = Task.Run(async () =>
        {
            var context = await redirector.GetContextAsync();
            context.Response.StatusCode = 302;
            context.Response.RedirectLocation = target.Url;
            context.Response.Close();
        });
        var client = allowing.Portal.Service<IHttpClientFactory>().CreateClient(PushOutbox.HttpClientName);

        using var response = await client.PostAsync($"http://127.0.0.1:{port}/receipts", new FormUrlEncodedContent([new("smsid", "1")]));

        await answered;
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Empty(target.Received);
    }

    [Fact]
    public async Task AnAddressTheOperatorListedIsSavedAndReached()
    {
        await using var receiver = new PushReceiver();
        var account = await TestAccounts.CreateAsync(allowing.Portal);
        var settings = allowing.Portal.Service<AccountSettingsService>();

        Assert.True((await settings.SaveAsync(account.Id, Receipt(receiver.Url), CancellationToken.None)).IsSaved);
        using var response = await allowing.Portal.Service<IHttpClientFactory>().CreateClient(PushOutbox.HttpClientName)
            .PostAsync(receiver.Url, new FormUrlEncodedContent([new("smsid", "7")]));

        Assert.Equal("success", await response.Content.ReadAsStringAsync());
        Assert.Equal("7", (await receiver.NextAsync(TimeSpan.FromSeconds(5))).Fields["smsid"]);
    }

    [Fact]
    public async Task AHostNameTheOperatorListedIsSavedAndReached()
    {
        await using var portal = new PortalFactory { Settings = { ["Pushes:AllowedInternalHosts:0"] = "localhost" } };
        await using var receiver = new PushReceiver("localhost");
        var account = await TestAccounts.CreateAsync(portal);
        var url = receiver.Url;

        Assert.True((await portal.Service<AccountSettingsService>().SaveAsync(account.Id, Receipt(url), CancellationToken.None)).IsSaved);
        using var response = await portal.Service<IHttpClientFactory>().CreateClient(PushOutbox.HttpClientName).PostAsync(url, new FormUrlEncodedContent([new("smsid", "8")]));

        Assert.Equal("success", await response.Content.ReadAsStringAsync());
        Assert.Equal("8", (await receiver.NextAsync(TimeSpan.FromSeconds(5))).Fields["smsid"]);
        // Listing a name does not open the address behind it to other names.
        Assert.Equal(SettingsProblemKind.InternalAddress, Assert.Single((await portal.Service<AccountSettingsService>().SaveAsync(account.Id, Receipt($"http://127.0.0.1:{receiver.Port}/"), CancellationToken.None)).Problems).Kind);
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("http://push.internal/")]
    public void AnEntryThatIsNeitherAHostNorARangeStopsTheStartNamingTheSetting(string entry)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Pushes:AllowedInternalHosts:0"] = "127.0.0.1", ["Pushes:AllowedInternalHosts:1"] = entry }).Build();

        var error = Assert.Throws<SmsPortal.Infrastructure.ConfigurationException>(() => PushUrlPolicy.FromConfiguration(configuration));

        Assert.Equal(PushUrlPolicy.AllowedInternalHostsSetting, error.Setting);
        Assert.Contains(entry, error.Message, StringComparison.Ordinal);
    }
}
