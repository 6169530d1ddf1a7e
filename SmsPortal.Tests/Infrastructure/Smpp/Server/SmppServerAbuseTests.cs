using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Abuse;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Abuse;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure.Smpp.Server;

/// <summary>
/// The abuse defence's refusals on the SMPP server door, seen by node's smpp client: a velocity limit is
/// ESME_RTHROTTLED (0x58, try later), a blocked range or a country outside the account's allow-list ESME_RINVDSTADR
/// (0x0B); none of them is charged.
/// </summary>
public sealed class SmppServerAbuseTests(SmppServerAbuseTests.Fixture fixture) : IClassFixture<SmppServerAbuseTests.Fixture>
{
    private const string Text = "【SmsPortal】您的验证码是：4821。请不要把验证码泄露给其他人。";

    /// <summary>A portal whose accounts may send 3 a minute (Abuse:PerAccount).</summary>
    public sealed class Fixture : SmppServerPortal
    {
        protected override void Configure(Dictionary<string, string?> settings)
        {
            settings["Abuse:PerAccount:Limit"] = "3";
            settings["Abuse:PerAccount:WindowSeconds"] = "600";
            settings["Channels:Simulator:Prefixes"] = "+";
        }
    }

    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task SendsOverTheAccountsVelocityLimitAreThrottledAndNotCharged()
    {
        var account = await TestAccounts.CreateAsync(Portal, credits: 100);

        var result = await EsmeAsync(account, "1391" + Random.Shared.Next(100, 999).ToString(CultureInfo.InvariantCulture), 6);

        Assert.Equal(3, result.GetProperty("accepted").GetInt32());
        Assert.Equal(3, result.GetProperty("rejected").GetProperty("88").GetInt32()); // ESME_RTHROTTLED
        Assert.Equal(3, await fixture.QueryAsync(db => db.LedgerEntries.CountAsync(e => e.AccountId == account.Id && e.Kind == LedgerEntryKind.Reserve)));
        Assert.Equal(3, await fixture.QueryAsync(db => db.AbuseRefusals.Where(r => r.AccountId == account.Id && r.Rule == AbuseRule.AccountVelocity).SumAsync(r => r.Count)));
    }

    [Fact]
    public async Task ANumberInARangeBlockedForTheAccountIsAnInvalidDestination()
    {
        var account = await TestAccounts.CreateAsync(Portal, credits: 100);
        var prefix = "1392" + Random.Shared.Next(100, 999).ToString(CultureInfo.InvariantCulture);
        await Portal.Service<RangeBlocks>().BlockAsync(account.Id, NumberRange.Of(MobileNumber.Parse(prefix + "0000").Value!, 4), 30, CancellationToken.None);

        var result = await EsmeAsync(account, prefix, 2);

        Assert.Equal(0, result.GetProperty("accepted").GetInt32());
        Assert.Equal(2, result.GetProperty("rejected").GetProperty("11").GetInt32()); // ESME_RINVDSTADR
        Assert.Equal(100, await Portal.CheckedBalanceAsync(account.Id));
    }

    [Fact]
    public async Task ANumberOutsideTheAccountsCountriesIsAnInvalidDestination()
    {
        var account = await TestAccounts.CreateAsync(Portal, credits: 100);

        // Singapore ("+6591230000" and on), which no admin enabled for the account.
        var result = await EsmeAsync(account, "+659123", 2);

        Assert.Equal(0, result.GetProperty("accepted").GetInt32());
        Assert.Equal(2, result.GetProperty("rejected").GetProperty("11").GetInt32()); // ESME_RINVDSTADR
        Assert.Equal(100, await Portal.CheckedBalanceAsync(account.Id));
        Assert.Equal(2, await fixture.QueryAsync(db => db.AbuseRefusals.Where(r => r.AccountId == account.Id && r.Rule == AbuseRule.CountryNotAllowed && r.Subject == "+65").SumAsync(r => r.Count)));
    }

    [Fact]
    public async Task ACountryAnAdminEnabledIsAcceptedInTheVendorsFormAndANumberLibphonenumberRefusesIsAnInvalidDestination()
    {
        var account = await TestAccounts.CreateAsync(Portal, credits: 100);
        Assert.True((await Portal.Service<AccountCountries>().SetAsync(account.Id, "65, 852", CancellationToken.None)).Saved);
        // Abroad is charged in money by the price list (decision 0034).
        Assert.Empty(await Features.International.InternationalWorld.ImportAsync(Portal, null, "country,prefix,network,price_cny,cost_cny\r\n65,,,0.30,\r\n852,,,0.30,\r\n"));
        await Features.International.InternationalWorld.GiveMoneyAsync(Portal, account.Id, 1000);

        var singapore = await EsmeAsync(account, "+6591245", 2);
        // "+8522120000" and on: seven digits after 852, no Hong Kong number.
        var fixedLine = await EsmeAsync(account, "+852212", 2);

        Assert.Equal(2, singapore.GetProperty("accepted").GetInt32());
        Assert.Equal(2, fixedLine.GetProperty("rejected").GetProperty("11").GetInt32()); // ESME_RINVDSTADR
        Assert.Equal((100L, 1000L - 2 * 30), (await Portal.CheckedBalanceAsync(account.Id), await Features.International.InternationalWorld.MoneyAsync(Portal, account.Id)));
        Assert.Equal(["65 91245000", "65 91245001"], await fixture.QueryAsync(db => db.Messages.Where(m => m.AccountId == account.Id).Select(m => m.Mobile).OrderBy(m => m).ToListAsync()));
    }

    private async Task<JsonElement> EsmeAsync(TestAccounts.Made account, string to, int count)
    {
        var (_, output) = await SmppServerPortal.NodeAsync("esme.js", "--host", "127.0.0.1", "--port", fixture.Port.ToString(CultureInfo.InvariantCulture),
            "--system-id", account.ApiId, "--password", account.ApiKey, "--count", count.ToString(CultureInfo.InvariantCulture), "--to", to, "--text", Text,
            "--no-dlr", "--window", "1", "--wait-ms", "5000");
        Assert.True(output.StartsWith('{'), output);
        return JsonDocument.Parse(output[..(output.LastIndexOf('}') + 1)]).RootElement;
    }
}
