using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Abuse;
using SmsPortal.Domain.Channels;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Sending.Countries;
using SmsPortal.Tests.Features.Verify;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.International;

/// <summary>
/// Numbers abroad through the vendor API and REST: the forms customers write, libphonenumber's verdict (406), segments of
/// 160/153 and 70/67 without the mainland's 【signature】, the per-country signature rule, per-account country permissions
/// (off by default: 4032, nothing charged) and routes by country prefix (no route: failed with the reason, refunded).
/// </summary>
public sealed class InternationalNumbersTests : IAsyncLifetime
{
    // 160 GSM-7 characters, one over, 70 Chinese characters, one over: the limits of one SMS.
    private static readonly string Gsm160 = new string('a', 150) + "0123456789";
    private static readonly string Gsm161 = Gsm160 + "b";
    private static readonly string Ucs70 = new string('短', 70);
    private static readonly string Ucs71 = Ucs70 + "信";

    /// <summary>The money (fen) each account of these tests starts with.</summary>
    private const long Money = 100_000;

    private readonly PortalFactory _portal = new();
    private readonly ScriptedChannels _channels = new();

    public Task InitializeAsync()
    {
        ScriptedChannels.Register(_portal, _channels);
        _portal.Settings["Channels:mainland:Type"] = "Scripted";
        _portal.Settings["Channels:abroad:Type"] = "Scripted";
        _portal.Settings["Channels:abroad:Prefixes"] = "+852, +853";
        _portal.Settings["Channels:abroad:Priority"] = "10";
        _portal.Settings["Channels:abroad:CostPerPart"] = "0.25";
        // Macau's carriers are set here to take the 【signature】 as the mainland's do.
        _portal.Settings["Countries:SignatureBrackets"] = "86, 853";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task EveryFormCustomersWriteIsAcceptedAndStoredInTheVendorsFormAndALibphonenumberRejectIs406WithoutACharge()
    {
        var account = await AccountAsync("852");
        var vendor = new VendorClient(_portal.CreateClient());

        var written = new[] { "+852 9123 4567", "00852 9123-4568", "852 91234569", "+85261234567" };
        var accepted = new List<string>();
        foreach (var mobile in written)
        {
            var answer = await vendor.SubmitAsync(account.ApiId, account.ApiKey, mobile, "2468", "1");
            Assert.True(answer.Code == 2, $"{mobile}: {answer.Code} {answer.Msg}");
            accepted.Add(answer.SmsId!);
        }

        var rest = await RestAsync(account, "+852 9123-4570", "2468");
        Assert.Equal(HttpStatusCode.Accepted, rest.StatusCode);

        // A Hong Kong fixed line, a Macau number that does not exist, a UK range valid nowhere: 406 on both doors.
        var fixedLine = await vendor.SubmitAsync(account.ApiId, account.ApiKey, "852 21234567", "2468", "1");
        var noSuch = await vendor.SubmitAsync(account.ApiId, account.ApiKey, "+853 1234 5678", "2468", "1");
        var restFixed = await RestAsync(account, "+85221234567", "2468");

        Assert.Equal(406, fixedLine.Code);
        Assert.Equal(406, noSuch.Code);
        Assert.Equal(HttpStatusCode.BadRequest, restFixed.StatusCode);
        Assert.Equal(406, await VerifyRestClient.CodeOfProblemAsync(restFixed));
        var stored = await _portal.QueryAsync(db => db.Messages.Where(m => m.AccountId == account.Id).Select(m => m.Mobile).OrderBy(m => m).ToListAsync());
        Assert.Equal(["852 61234567", "852 91234567", "852 91234568", "852 91234569", "852 91234570"], stored);
        // Abroad is charged in money (decision 0034): five messages at ¥0.30, no credits.
        Assert.Equal((100L, Money - 5 * 30), (await _portal.CheckedBalanceAsync(account.Id), await InternationalWorld.MoneyAsync(_portal, account.Id)));
    }

    [Fact]
    public async Task AbroadATextIsCountedIn160And153Or70And67WithoutTheSignatureTheMainlandKeepsItsCount()
    {
        var account = await AccountAsync("852", [("g160", Gsm160), ("g161", Gsm161), ("u70", Ucs70), ("u71", Ucs71)]);

        var g160 = await SendAsync(account, "852 91230001", Gsm160);
        var g161 = await SendAsync(account, "852 91230002", Gsm161);
        var u70 = await SendAsync(account, "852 91230003", Ucs70);
        var u71 = await SendAsync(account, "852 91230004", Ucs71);
        var mainland = await SendAsync(account, VerifyRestClient.NewMobile(), Gsm160);

        Assert.Equal((Gsm160, 1), await TextAndPartsAsync(g160));
        Assert.Equal((Gsm161, 2), await TextAndPartsAsync(g161));
        Assert.Equal((Ucs70, 1), await TextAndPartsAsync(u70));
        Assert.Equal((Ucs71, 2), await TextAndPartsAsync(u71));

        // The mainland as before: 【Acme】 in front makes the text UCS-2, 166 units in three parts of 67.
        Assert.Equal(("【Acme】" + Gsm160, 3), await TextAndPartsAsync(mainland));
        Assert.Equal((100L - 3, Money - (1 + 2 + 1 + 2) * 30), (await _portal.CheckedBalanceAsync(account.Id), await InternationalWorld.MoneyAsync(_portal, account.Id)));
    }

    [Fact]
    public async Task TheSignatureIsAddedWhereTheCountryUsesBracketsAndAWrittenOneIsKeptAndCheckedElsewhere()
    {
        var account = await AccountAsync("852, 853", [("en", "Your parcel is at the front desk.")]);

        var hongKong = await SendAsync(account, "852 91230011", "Your parcel is at the front desk.");
        var macau = await SendAsync(account, "853 66123456", "Your parcel is at the front desk.");
        var written = await SendAsync(account, "852 91230012", "【Acme】Your parcel is at the front desk.");
        var byRest = await RestAsync(account, "+852 9123 0013", "2468");
        var notApproved = await new VendorClient(_portal.CreateClient()).SubmitAsync(account.ApiId, account.ApiKey, "852 91230014", "【Other】Your parcel is at the front desk.");

        Assert.Equal("Your parcel is at the front desk.", (await TextAndPartsAsync(hongKong)).Text);
        Assert.Equal("【Acme】Your parcel is at the front desk.", (await TextAndPartsAsync(macau)).Text);
        Assert.Equal("【Acme】Your parcel is at the front desk.", (await TextAndPartsAsync(written)).Text);
        var restSmsId = (await byRest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("smsId").GetString()!;
        Assert.DoesNotContain("【", (await TextAndPartsAsync(restSmsId)).Text, StringComparison.Ordinal);
        Assert.Equal(4075, notApproved.Code);
    }

    [Theory]
    [InlineData("86, 999", "Countries:SignatureBrackets: '999' is not a country calling code.")]
    [InlineData("852", "Countries:SignatureBrackets must name 86")]
    public void AWrongSignatureRuleStopsTheStartAndSaysWhy(string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Countries:SignatureBrackets"] = value }).Build();
        using var services = new ServiceCollection().AddCountryRules(configuration).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CountryRulesOptions>>().Value);

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACountryNobodyEnabledIsRefusedWithoutAChargeUntilAnAdminEnablesItTheMainlandAlwaysGoes()
    {
        var account = await AccountAsync(null);
        var vendor = new VendorClient(_portal.CreateClient());

        var refused = await vendor.SubmitAsync(account.ApiId, account.ApiKey, "852 91230021", "2468", "1");
        var restRefused = await RestAsync(account, "+65 9123 0022", "2468");
        var mainland = await vendor.SubmitAsync(account.ApiId, account.ApiKey, VerifyRestClient.NewMobile(), "2468", "1");

        Assert.Equal(4032, refused.Code);
        Assert.Equal((HttpStatusCode.Forbidden, 4032), (restRefused.StatusCode, await VerifyRestClient.CodeOfProblemAsync(restRefused)));
        Assert.Equal(2, mainland.Code);
        Assert.Equal(100 - 1, await _portal.CheckedBalanceAsync(account.Id));
        Assert.Equal(1, await _portal.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == account.Id)));
        Assert.Equal(["+65", "+852"], await _portal.QueryAsync(db => db.AbuseRefusals.Where(r => r.AccountId == account.Id && r.Rule == AbuseRule.CountryNotAllowed).Select(r => r.Subject).OrderBy(s => s).ToListAsync()));

        // An admin enables Hong Kong only: Hong Kong goes, Singapore still does not, the mainland still does.
        Assert.True((await _portal.Service<AccountCountries>().SetAsync(account.Id, "+852", CancellationToken.None)).Saved);
        Assert.Equal(2, (await vendor.SubmitAsync(account.ApiId, account.ApiKey, "852 91230021", "2468", "1")).Code);
        Assert.Equal(4032, (await vendor.SubmitAsync(account.ApiId, account.ApiKey, "65 91230022", "2468", "1")).Code);
        Assert.Equal(2, (await vendor.SubmitAsync(account.ApiId, account.ApiKey, VerifyRestClient.NewMobile(), "2468", "1")).Code);
        Assert.Equal((100L - 2, Money - 30), (await _portal.CheckedBalanceAsync(account.Id), await InternationalWorld.MoneyAsync(_portal, account.Id)));
    }

    [Fact]
    public async Task ANumberAbroadTakesOnlyARouteNamingItsCountryAndWithoutOneFailsWithTheReasonAndIsRefunded()
    {
        var account = await AccountAsync("852, 65");
        // A catch-all route to a mainland channel at the top priority: numbers abroad never take it.
        await RoutesAsync(new Route { Channel = "mainland", Priority = 1 });

        var hongKong = await SubmitAsync(account, "852 91230031");
        var singapore = await SubmitAsync(account, "65 91230032");
        var mainland = await SubmitAsync(account, "13800138031");

        var routed = await _portal.MessageWhenAsync(hongKong, m => m.Status == MessageStatus.Submitted);
        Assert.Equal("abroad", routed.Channel);
        Assert.Equal(0.25m, routed.UpstreamCost);
        var unrouted = await _portal.MessageWhenAsync(singapore, m => m.Status == MessageStatus.Failed);
        Assert.Contains("no route for +65", unrouted.UpstreamStatus, StringComparison.Ordinal);
        Assert.Equal("mainland", (await _portal.MessageWhenAsync(mainland, m => m.Channel != null)).Channel);
        Assert.DoesNotContain(_channels.Handed, h => h.Channel == "mainland" && h.Message.Mobile.Contains(' ', StringComparison.Ordinal));
        await Eventually.HoldsAsync(async () => await InternationalWorld.MoneyAsync(_portal, account.Id) == Money - 30, "the unrouted message refunded");
        Assert.Equal(100 - 1, await _portal.CheckedBalanceAsync(account.Id));
        Assert.Contains(_portal.Service<ChannelRegistry>().Routes, r => r is { Channel: "abroad", Prefix: "852 " } && r.Id < 0);
        Assert.Contains(_portal.Service<ChannelRegistry>().Routes, r => r is { Channel: "abroad", Prefix: "853 " } && r.Id < 0);
    }

    [Fact]
    public async Task ARoutePrefixPlusTakesEveryCountryAbroadAndNoMainlandNumber()
    {
        var account = await AccountAsync("65");
        await RoutesAsync(new Route { Channel = "mainland", Prefix = RoutePrefix.Abroad, Priority = 50 });

        var singapore = await SubmitAsync(account, "+65 9123 0041");
        var mainland = await SubmitAsync(account, "13800138041");

        Assert.Equal("mainland", (await _portal.MessageWhenAsync(singapore, m => m.Channel != null)).Channel);
        Assert.Equal("simulator", (await _portal.MessageWhenAsync(mainland, m => m.Channel != null)).Channel);
    }

    private async Task<TestAccounts.Made> AccountAsync(string? countries, (string Name, string Text)[]? templates = null)
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 100, verified: true, paid: true, signatures: ["Acme"],
            templates: templates?.Select(t => (t.Name, t.Text, TemplateKind.Notification)).ToArray());
        if (countries is not null)
        {
            Assert.True((await _portal.Service<AccountCountries>().SetAsync(account.Id, countries, CancellationToken.None)).Saved);
        }

        // Sends abroad need a price and money (decision 0034): every country of these tests at ¥0.30 a part.
        Assert.Empty(await InternationalWorld.ImportAsync(_portal, null, "country,prefix,network,price_cny,cost_cny\r\n852,,,0.30,\r\n853,,,0.30,\r\n65,,,0.30,\r\n"));
        await InternationalWorld.GiveMoneyAsync(_portal, account.Id, Money);

        return account;
    }

    private async Task<string> SendAsync(TestAccounts.Made account, string mobile, string content)
    {
        var answer = await new VendorClient(_portal.CreateClient()).SubmitAsync(account.ApiId, account.ApiKey, mobile, content);
        Assert.True(answer.Code == 2, $"{mobile}: {answer.Code} {answer.Msg}");
        return answer.SmsId!;
    }

    private async Task<string> SubmitAsync(TestAccounts.Made account, string mobile)
    {
        var answer = await new VendorClient(_portal.CreateClient()).SubmitAsync(account.ApiId, account.ApiKey, mobile, "2468", "1");
        Assert.True(answer.Code == 2, $"{mobile}: {answer.Code} {answer.Msg}");
        return answer.SmsId!;
    }

    private Task<HttpResponseMessage> RestAsync(TestAccounts.Made account, string mobile, string content)
    {
        var client = _portal.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Id", account.ApiId);
        client.DefaultRequestHeaders.Add("X-Api-Key", account.ApiKey);
        return client.PostAsJsonAsync("/api/v1/messages", new { mobile, templateId = 1, content });
    }

    private async Task<(string Text, int Parts)> TextAndPartsAsync(string smsId)
    {
        var message = await _portal.MessageWhenAsync(smsId, _ => true);
        return (message.Text, message.Parts);
    }

    private Task RoutesAsync(params Route[] routes) => TestRoutes.AddAsync(_portal, routes);
}
