using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Abuse;
using SmsPortal.Infrastructure.Abuse;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Tests.Features.International;
using SmsPortal.Tests.Features.Verify;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Admin;
using SmsPortal.Web.Features.Verify;

namespace SmsPortal.Tests.Features.Abuse;

/// <summary>
/// Per-account country allow-lists through every door: the mainland always; another country only on the account's own
/// list (set by an admin on the accounts page), or on the platform's (Abuse:AllowedCountries) for an account without one. A refusal is 4032 (REST 403, Twilio 60605), costs
/// nothing and shows on the console's Blocked tab.
/// </summary>
public sealed class CountryAllowListTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync()
    {
        // The platform allows Hong Kong beside the mainland; accounts may change that with their own list.
        _portal.Settings["Abuse:AllowedCountries"] = "86, 852";
        // The simulator carries numbers abroad too, so what is accepted stays charged.
        _portal.Settings["Channels:Simulator:Prefixes"] = "+";
        _portal.Settings["Verify:VoiceSimulator"] = "true";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task AnAccountsOwnListRefusesOtherCountriesOnEveryDoorWithoutAChargeAndTheBlockedTabSaysWhy()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 100, verified: true, paid: true);
        Assert.True((await _portal.Service<AccountCountries>().SetAsync(account.Id, "+86", CancellationToken.None)).Saved);
        var api = VerifyRestClient.For(_portal, account.ApiId, account.ApiKey);
        var service = await api.CreateServiceAsync(new { name = "Login" });

        var rest = await api.Http.PostAsJsonAsync("/api/v1/messages", new { mobile = "852 91234567", templateId = 1, content = "1234" });
        var vendor = await new VendorClient(_portal.CreateClient()).SubmitAsync(account.ApiId, account.ApiKey, "852 91234568", "1234", "1", json: true);
        var verify = await api.StartAsync(service, "+85291234569");
        var twilio = await TwilioStartAsync(account, service, "+85291234570", "sms");
        var twilioCall = await TwilioStartAsync(account, service, "+85291234571", "call");
        var vendorVerify = await _portal.CreateClient().PostAsync("/verify/Start.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["account"] = account.ApiId, ["password"] = account.ApiKey, ["serviceid"] = service, ["mobile"] = "852 91234572",
        }));
        var mainland = await api.Http.PostAsJsonAsync("/api/v1/messages", new { mobile = VerifyRestClient.NewMobile(), templateId = 1, content = "1234" });

        Assert.Equal(HttpStatusCode.Forbidden, rest.StatusCode);
        var problem = await rest.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4032, problem.GetProperty("code").GetInt32());
        Assert.Equal("该号码所在国家或地区不在账号允许发送范围内", problem.GetProperty("title").GetString());
        Assert.Equal(4032, vendor.Code);
        Assert.Equal(HttpStatusCode.Forbidden, verify.StatusCode);
        Assert.Equal(4032, await VerifyRestClient.CodeOfProblemAsync(verify));
        Assert.Equal(HttpStatusCode.Forbidden, twilio.StatusCode);
        Assert.Equal(60605, (await twilio.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
        Assert.Equal(60605, (await twilioCall.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
        Assert.Equal(4032, (await vendorVerify.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.Accepted, mainland.StatusCode);

        // Only the mainland SMS was charged and stored; no verification was left behind.
        Assert.Equal(100 - 1, await _portal.CheckedBalanceAsync(account.Id));
        Assert.Equal(1, await _portal.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == account.Id)));
        Assert.Equal(0, await _portal.QueryAsync(db => db.Verifications.CountAsync(v => v.AccountId == account.Id)));
        var refused = await _portal.QueryAsync(db => db.AbuseRefusals.Where(r => r.AccountId == account.Id).ToListAsync());
        var row = Assert.Single(refused, r => r.ServiceId == 0);
        Assert.Equal((AbuseRule.CountryNotAllowed, "+852", 2), (row.Rule, row.Subject, row.Count));
        Assert.Equal(4, refused.Where(r => r.ServiceId != 0 && r.Rule == AbuseRule.CountryNotAllowed).Sum(r => r.Count));

        // The console's Blocked tab lists them with the reason.
        await using var context = new ConsolePageContext(account.Id, _portal.Service<RangeBlocks>(), _portal.Service<AbuseRefusals>());
        var panel = context.Context.Render<BlockedPanel>(p => p.Add(x => x.AccountId, account.Id));
        panel.WaitForAssertion(() =>
        {
            var rows = panel.FindAll("[data-testid=blocked-refusals] tbody tr");
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.Contains("country not allowed for the account", r.TextContent, StringComparison.Ordinal));
            Assert.Contains(rows, r => r.TextContent.Contains("+852", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task AnAccountWithoutAListKeepsThePlatformsAndAnAccountsOwnListReplacesItTheMainlandAlwaysGoes()
    {
        var plain = await TestAccounts.CreateAsync(_portal, credits: 100);
        var british = await TestAccounts.CreateAsync(_portal, credits: 100);
        Assert.True((await _portal.Service<AccountCountries>().SetAsync(british.Id, "44", CancellationToken.None)).Saved);

        // Sends abroad are charged in money by the price list (decision 0034): Hong Kong's "6" network ¥0.45, the UK ¥0.50.
        await InternationalWorld.PlatformPricesAsync(_portal);
        await InternationalWorld.GiveMoneyAsync(_portal, plain.Id, 100);
        await InternationalWorld.GiveMoneyAsync(_portal, british.Id, 100);

        var plainHongKong = await SendAsync(plain, "852 61234567");
        var plainUk = await SendAsync(plain, "44 7911123456");
        var britishUk = await SendAsync(british, "44 7911123457");
        var britishHongKong = await SendAsync(british, "852 61234568");
        var britishMainland = await SendAsync(british, VerifyRestClient.NewMobile());

        Assert.Equal(HttpStatusCode.Accepted, plainHongKong.StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, 4032), (plainUk.StatusCode, await VerifyRestClient.CodeOfProblemAsync(plainUk)));
        Assert.Equal(HttpStatusCode.Accepted, britishUk.StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, 4032), (britishHongKong.StatusCode, await VerifyRestClient.CodeOfProblemAsync(britishHongKong)));
        Assert.Equal(HttpStatusCode.Accepted, britishMainland.StatusCode);
        // Abroad is charged in money, the mainland in credits.
        Assert.Equal((100L, 100L - 45), (await _portal.CheckedBalanceAsync(plain.Id), await InternationalWorld.MoneyAsync(_portal, plain.Id)));
        Assert.Equal((100L - 1, 100L - 50), (await _portal.CheckedBalanceAsync(british.Id), await InternationalWorld.MoneyAsync(_portal, british.Id)));
        Assert.Equal("+44", await _portal.QueryAsync(db => db.AbuseRefusals.Where(r => r.AccountId == plain.Id).Select(r => r.Subject).SingleAsync()));
        Assert.Equal("+852", await _portal.QueryAsync(db => db.AbuseRefusals.Where(r => r.AccountId == british.Id).Select(r => r.Subject).SingleAsync()));
    }

    [Fact]
    public async Task AnAdminSetsTheListOnTheAccountsPageAndABadCodeChangesNothing()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 10);
        await using var context = new ConsolePageContext(account.Id, _portal.Service<AccountDirectory>(), _portal.Service<AccountService>(), _portal.Service<AccountCountries>(),
            _portal.Service<SmsPortal.Infrastructure.Resellers.ResellerAdministration>());
        var page = context.Render<AccountsPage>("[data-testid=countries-edit]");
        IRenderedComponent<AccountCountriesCell> Cell() => page.FindComponents<AccountCountriesCell>().Single(c => c.Instance.Account.Id == account.Id);

        Assert.Equal("platform default", Cell().Find("[data-testid=countries-value]").TextContent);
        await Cell().Find("[data-testid=countries-edit]").ClickAsync(new());
        Cell().Find("[data-testid=countries-editor] input").Change("86, 999");
        await Cell().Find("[data-testid=countries-save]").ClickAsync(new());

        Assert.Contains("999 is not a country calling code", Cell().Markup, StringComparison.Ordinal);
        Assert.Null(await _portal.QueryAsync(db => db.Accounts.Where(a => a.Id == account.Id).Select(a => a.AllowedCountries).SingleAsync()));

        Cell().Find("[data-testid=countries-editor] input").Change("+86, 852 86");
        await Cell().Find("[data-testid=countries-save]").ClickAsync(new());

        Assert.Equal("86,852", await _portal.QueryAsync(db => db.Accounts.Where(a => a.Id == account.Id).Select(a => a.AllowedCountries).SingleAsync()));
        page.WaitForAssertion(() => Assert.Equal("+86, +852", Cell().Find("[data-testid=countries-value]").TextContent));

        // Emptied, the account keeps the platform's list again.
        await Cell().Find("[data-testid=countries-edit]").ClickAsync(new());
        Cell().Find("[data-testid=countries-editor] input").Change("");
        await Cell().Find("[data-testid=countries-save]").ClickAsync(new());
        Assert.Null(await _portal.QueryAsync(db => db.Accounts.Where(a => a.Id == account.Id).Select(a => a.AllowedCountries).SingleAsync()));
    }

    private Task<HttpResponseMessage> SendAsync(TestAccounts.Made account, string mobile) => VerifyRestClient.SendSmsAsync(_portal, account, mobile);

    private Task<HttpResponseMessage> TwilioStartAsync(TestAccounts.Made account, string service, string to, string channel) => VerifyRestClient.TwilioStartAsync(_portal, account, service, to, channel);
}
