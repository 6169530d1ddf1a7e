using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Billing.Payments;
using SmsPortal.Tests.Features.Billing;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.International;

/// <summary>
/// International sends are charged in money (decision 0034): price per segment × segments reserved from the money
/// balance at acceptance, the price and the cost recorded on the message, settled on delivery and refunded on failure;
/// mainland sends keep their credits. Through the vendor API, with the simulator channel delivering.
/// </summary>
public sealed class InternationalChargingTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private VendorClient _api = default!;

    public async Task InitializeAsync()
    {
        // Countries abroad are off by default (decision 0035): the platform allows these tests' own.
        InternationalWorld.AllowAbroad(_portal);
        _api = new VendorClient(_portal.CreateClient());
        await InternationalWorld.PlatformPricesAsync(_portal);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public Task AMixedBatchChargesCreditsForTheMainlandAndMoneyPerCountryAndNetwork() => InternationalCharging.AMixedBatchChargesCreditsForTheMainlandAndMoneyPerCountryAndNetworkAsync(_portal);

    [Fact]
    public async Task ACountryWithoutAPriceIsRefusedWith4033AndAShortMoneyBalanceWith4051AndNothingIsCharged()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 100, verified: true, paid: true);
        await InternationalWorld.GiveMoneyAsync(_portal, account.Id, 40);
        var entries = await InternationalWorld.EntriesAsync(_portal, account.Id);

        var japan = await _api.SubmitAsync(account.ApiId, account.ApiKey, "81 9012345678", "1234", "1");
        var uk = await _api.SubmitAsync(account.ApiId, account.ApiKey, "44 7911123458", "1234", "1", json: true);
        var rest = await RestClientFor(account).PostAsJsonAsync("/api/v1/messages", new { mobile = "+81 9012345679", templateId = 1, content = "1234" });

        Assert.Equal((4033, "该号码所在国家或地区暂无国际短信价格", "0"), (japan.Code, japan.Msg, japan.SmsId));
        Assert.Equal((4051, "剩余条数不足"), (uk.Code, uk.Msg));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, rest.StatusCode);
        Assert.Equal(4033, (await rest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
        Assert.Equal(entries, await InternationalWorld.EntriesAsync(_portal, account.Id));
        Assert.Equal(0, await _portal.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == account.Id)));
        Assert.Equal((100L, 40L), (await _portal.CheckedBalanceAsync(account.Id), await InternationalWorld.MoneyAsync(_portal, account.Id)));

        // Hong Kong's ¥0.30 still fits in ¥0.40: the same balance that refused the UK takes it.
        Assert.Equal(2, (await _api.SubmitAsync(account.ApiId, account.ApiKey, "852 91234500", "1234", "1")).Code);
        Assert.Equal(10, await InternationalWorld.MoneyAsync(_portal, account.Id));
    }

    [Fact]
    public Task AnUndeliveredInternationalMessageGetsItsMoneyBackAndNoCredits() => InternationalCharging.AnUndeliveredInternationalMessageGetsItsMoneyBackAndNoCreditsAsync(_portal);

    [Fact]
    public async Task APackageOfMoneyPaidThroughTheGatewayTopsUpTheMoneyBalanceOnceAndNoCredits()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 10, verified: true, paid: true);
        var saved = await _portal.Service<PackageService>().SaveAsync(null, new PackageInput("International ¥100", 0, 100m, 365, true) { MoneyFen = 10_000 }, BillingWorld.Admin, CancellationToken.None);
        Assert.True(saved.Ok, saved.Error);
        var order = await BillingWorld.NewOrderAsync(_portal, account.Id, (int)saved.Id!.Value);
        Assert.Equal(100m, order.Amount);

        var notification = await _portal.Service<SandboxGateway>().NotificationAsync(order.Number, "100.00", paid: true, CancellationToken.None);
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _portal.Service<PaymentService>().HandleNotificationAsync(SandboxGateway.GatewayName, notification, CancellationToken.None)));

        Assert.Equal(1, results.Count(r => r.Outcome == "Applied"));
        Assert.Equal(10_000, await InternationalWorld.MoneyAsync(_portal, account.Id));
        Assert.Equal(10, await _portal.CheckedBalanceAsync(account.Id));

        // A package of nothing is refused.
        Assert.False((await _portal.Service<PackageService>().SaveAsync(null, new PackageInput("Empty", 0, 1m, 365, true), BillingWorld.Admin, CancellationToken.None)).Ok);
    }

    private HttpClient RestClientFor(TestAccounts.Made account)
    {
        var client = _portal.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Id", account.ApiId);
        client.DefaultRequestHeaders.Add("X-Api-Key", account.ApiKey);
        return client;
    }
}

[Trait("Category", "PostgreSql")]
public sealed class PostgresInternationalChargingTests(PostgresInternationalFixture fixture) : IClassFixture<PostgresInternationalFixture>
{
    [Fact]
    public Task AMixedBatchChargesCreditsForTheMainlandAndMoneyPerCountryAndNetwork() => InternationalCharging.AMixedBatchChargesCreditsForTheMainlandAndMoneyPerCountryAndNetworkAsync(fixture.Portal);

    [Fact]
    public Task AnUndeliveredInternationalMessageGetsItsMoneyBackAndNoCredits() => InternationalCharging.AnUndeliveredInternationalMessageGetsItsMoneyBackAndNoCreditsAsync(fixture.Portal);
}

/// <summary>A PostgreSQL portal that sends to these tests' countries abroad.</summary>
public sealed class PostgresInternationalFixture : IAsyncLifetime
{
    public PostgresPortalFactory Portal { get; } = new();

    public Task InitializeAsync()
    {
        InternationalWorld.AllowAbroad(Portal);
        _ = Portal.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}

/// <summary>The charging scenarios both databases run: the acceptance, settlement and refund paths differ per provider.</summary>
internal static class InternationalCharging
{
    public static async Task AMixedBatchChargesCreditsForTheMainlandAndMoneyPerCountryAndNetworkAsync(PortalFactory portal)
    {
        var api = new VendorClient(portal.CreateClient());
        await InternationalWorld.PlatformPricesAsync(portal);
        var account = await TestAccounts.CreateAsync(portal, credits: 100, verified: true, paid: true);
        await InternationalWorld.GiveMoneyAsync(portal, account.Id, 1000);
        (string Mobile, long? Fen, string? Country)[] sends =
        [
            ("13800" + Random.Shared.Next(100000, 999999), null, null),
            ("13900" + Random.Shared.Next(100000, 999999), null, null),
            ("852 91234567", 30, "852"),
            ("+852 6123 4567", 45, "852"),
            ("+44 7911 123456", 50, "44"),
            ("1 2025550123", 25, "1"),
        ];

        var answers = await Task.WhenAll(sends.Select(s => api.SubmitAsync(account.ApiId, account.ApiKey, s.Mobile, "1234", "1", json: true)));

        Assert.All(answers, a => Assert.Equal(2, a.Code));
        Assert.Equal(100 - 2, await portal.CheckedBalanceAsync(account.Id));
        Assert.Equal(1000 - (30 + 45 + 50 + 25), await InternationalWorld.MoneyAsync(portal, account.Id));
        for (var i = 0; i < sends.Length; i++)
        {
            var message = await portal.MessageWhenAsync(answers[i].SmsId!, m => m.Status == MessageStatus.Delivered);
            Assert.Equal((sends[i].Country, sends[i].Fen), (message.Country, message.PriceFen));
            Assert.Equal(1, message.Parts);
        }

        var hongKong = await portal.MessageWhenAsync(answers[2].SmsId!, m => m.IsFinal);
        Assert.Equal(20, hongKong.CostFen);
        var uk = await portal.MessageWhenAsync(answers[4].SmsId!, m => m.IsFinal);
        Assert.Null(uk.CostFen);

        // Delivered: each reservation is closed by a zero entry in its own currency; the balances stay.
        await Eventually.HoldsAsync(
            async () => await portal.QueryAsync(db => db.LedgerEntries.CountAsync(e => e.AccountId == account.Id && e.Kind == LedgerEntryKind.Settle)) == 6,
            "every message settled");
        Assert.Equal(4, await portal.QueryAsync(db => db.LedgerEntries.CountAsync(e => e.AccountId == account.Id && e.Kind == LedgerEntryKind.Settle && e.Currency == LedgerCurrency.Cny)));
        Assert.Equal(98, await portal.CheckedBalanceAsync(account.Id));
        Assert.Equal(850, await InternationalWorld.MoneyAsync(portal, account.Id));
        await LedgerChain.AssertChainsAsync(portal, account.Id, LedgerCurrency.Credits);
        await LedgerChain.AssertChainsAsync(portal, account.Id, LedgerCurrency.Cny);

        // GetNum answers both balances: the SMS left and the money in yuan.
        var num = await portal.CreateClient().PostAsync("/sms/GetNum.json", new FormUrlEncodedContent(new Dictionary<string, string> { ["account"] = account.ApiId, ["password"] = account.ApiKey }));
        var body = await num.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((2, 98L, "8.50"), (body.GetProperty("code").GetInt32(), body.GetProperty("num").GetInt64(), body.GetProperty("money").GetString()));
    }

    public static async Task AnUndeliveredInternationalMessageGetsItsMoneyBackAndNoCreditsAsync(PortalFactory portal)
    {
        var api = new VendorClient(portal.CreateClient());
        await InternationalWorld.PlatformPricesAsync(portal);
        var account = await TestAccounts.CreateAsync(portal, credits: 100, verified: true, paid: true);
        await InternationalWorld.GiveMoneyAsync(portal, account.Id, 500);

        // The simulator does not deliver numbers ending in 0000.
        var answer = await api.SubmitAsync(account.ApiId, account.ApiKey, "44 7911120000", "1234", "1");
        Assert.Equal(2, answer.Code);
        Assert.Equal(450, await InternationalWorld.MoneyAsync(portal, account.Id));
        var message = await portal.MessageWhenAsync(answer.SmsId!, m => m.IsFinal);

        Assert.Equal(MessageStatus.Failed, message.Status);
        await Eventually.HoldsAsync(async () => await InternationalWorld.MoneyAsync(portal, account.Id) == 500, "the money comes back");
        var lines = await portal.QueryAsync(db => db.LedgerEntries.Where(e => e.AccountId == account.Id && e.Reference == answer.SmsId).OrderBy(e => e.Id).Select(e => new { e.Kind, e.Amount, e.Currency }).ToListAsync());
        Assert.Equal([(LedgerEntryKind.Reserve, -50L, LedgerCurrency.Cny), (LedgerEntryKind.Refund, 50L, LedgerCurrency.Cny)], lines.Select(l => (l.Kind, l.Amount, l.Currency)));
        Assert.Equal(100, await portal.CheckedBalanceAsync(account.Id));
    }
}
