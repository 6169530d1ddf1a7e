using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.International;
using SmsPortal.Tests.Features.Resellers;
using SmsPortal.Tests.Support;
using Xunit.Abstractions;

namespace SmsPortal.Tests.Features.International;

/// <summary>
/// A reseller's wholesale settlement for its customers' sends abroad (decision 0034): the customer's money pays the
/// reseller's price, the reseller's money pays the platform's price, both reserved in the transaction that accepts the
/// message, both settled or refunded together by the pipeline's writers; a reseller short of money refuses its customer's
/// send with 4034 and nothing is charged. Through the vendor API and REST, with the simulator channel delivering.
/// </summary>
public sealed class ResellerSettlementTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync()
    {
        InternationalWorld.AllowAbroad(_portal);
        _ = _portal.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public Task TheCustomerPaysTheResellersPriceAndTheResellerThePlatformsAndDeliverySettlesBoth() => ResellerSettlement.BothPayAndDeliverySettlesBothAsync(_portal);

    [Fact]
    public Task AFailedSendRefundsTheCustomerAndTheReseller() => ResellerSettlement.AFailedSendRefundsBothAsync(_portal);

    [Fact]
    public Task AResellerShortOfMoneyRefusesItsCustomersSendWith4034AndNothingIsCharged() => ResellerSettlement.ShortResellerRefusesWith4034Async(_portal);

    [Fact]
    public Task RacingSendsOfSeveralCustomersNeverTakeTheResellerBelowZeroAndConserveMoney() => ResellerSettlement.RacingSendsConserveMoneyAsync(_portal, output.WriteLine);

    [Fact]
    public Task AResellerSellsMoneyAndItsCustomersSendsAbroadArePaidFromBothBalances() => ResellerSettlement.ResellerSellsMoneyAsync(_portal);
}

[Trait("Category", "PostgreSql")]
public sealed class PostgresResellerSettlementTests(PostgresInternationalFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresInternationalFixture>
{
    [Fact]
    public Task TheCustomerPaysTheResellersPriceAndTheResellerThePlatformsAndDeliverySettlesBoth() => ResellerSettlement.BothPayAndDeliverySettlesBothAsync(fixture.Portal);

    [Fact]
    public Task AFailedSendRefundsTheCustomerAndTheReseller() => ResellerSettlement.AFailedSendRefundsBothAsync(fixture.Portal);

    [Fact]
    public Task AResellerShortOfMoneyRefusesItsCustomersSendWith4034AndNothingIsCharged() => ResellerSettlement.ShortResellerRefusesWith4034Async(fixture.Portal);

    [Fact]
    public Task RacingSendsOfSeveralCustomersNeverTakeTheResellerBelowZeroAndConserveMoney() => ResellerSettlement.RacingSendsConserveMoneyAsync(fixture.Portal, output.WriteLine);

    [Fact]
    public Task AResellerSellsMoneyAndItsCustomersSendsAbroadArePaidFromBothBalances() => ResellerSettlement.ResellerSellsMoneyAsync(fixture.Portal);
}

/// <summary>The scenarios both databases run: acceptance, dispatch refusals and receipts are written per provider.</summary>
internal static class ResellerSettlement
{
    /// <summary>
    /// The platform's list of <see cref="InternationalWorld.PlatformCsv"/> and a new reseller pricing Hong Kong's "9"
    /// numbers at ¥0.40 (its cost there is the platform's ¥0.30; the "6" network and the UK it leaves at the platform's
    /// price), with <paramref name="resellerFen"/> of money, and a customer of it with <paramref name="customerFen"/>.
    /// </summary>
    private static async Task<(TestAccounts.Made Reseller, TestAccounts.Made Customer)> WorldAsync(PortalFactory portal, long resellerFen, long customerFen)
    {
        await InternationalWorld.PlatformPricesAsync(portal);
        var (reseller, _) = await ResellerWorld.NewResellerAsync(portal, 50);
        Assert.Null(await portal.Service<ResellerPriceList>().SetAsync(reseller.Id, "852", "9", "0.40", CancellationToken.None));
        var customer = await CustomerOfAsync(portal, reseller.Id, customerFen);
        if (resellerFen > 0)
        {
            await InternationalWorld.GiveMoneyAsync(portal, reseller.Id, resellerFen);
        }

        return (reseller, customer);
    }

    private static async Task<TestAccounts.Made> CustomerOfAsync(PortalFactory portal, int resellerId, long fen)
    {
        var customer = await TestAccounts.CreateAsync(portal, credits: 100, verified: true, paid: true);
        await TestAccounts.SetAsync(portal, customer.Id, a => a.ParentAccountId = resellerId);
        if (fen > 0)
        {
            await InternationalWorld.GiveMoneyAsync(portal, customer.Id, fen);
        }

        return customer;
    }

    private static Task<List<(LedgerEntryKind Kind, long Amount)>> MoneyLinesAsync(PortalFactory portal, int accountId, string smsId) =>
        portal.QueryAsync(async db => (await db.LedgerEntries.Where(e => e.AccountId == accountId && e.Reference == smsId && e.Currency == LedgerCurrency.Cny).OrderBy(e => e.Id)
            .Select(e => new { e.Kind, e.Amount }).ToListAsync()).ConvertAll(e => (e.Kind, e.Amount)));

    public static async Task BothPayAndDeliverySettlesBothAsync(PortalFactory portal)
    {
        var api = new VendorClient(portal.CreateClient());
        var (reseller, customer) = await WorldAsync(portal, 1000, 1000);
        (string Mobile, long Price, long Wholesale)[] abroad = [("852 91234567", 40, 30), ("+852 6123 4567", 45, 45), ("+44 7911 123456", 50, 50)];

        var answers = await Task.WhenAll(abroad.Select(s => api.SubmitAsync(customer.ApiId, customer.ApiKey, s.Mobile, "1234", "1", json: true)));
        var mainland = await api.SubmitAsync(customer.ApiId, customer.ApiKey, "13800" + Random.Shared.Next(100000, 999999), "1234", "1", json: true);

        Assert.All(answers.Append(mainland), a => Assert.Equal(2, a.Code));
        Assert.Equal(1000 - (40 + 45 + 50), await InternationalWorld.MoneyAsync(portal, customer.Id));
        Assert.Equal(1000 - (30 + 45 + 50), await InternationalWorld.MoneyAsync(portal, reseller.Id));
        Assert.Equal((99L, 50L), (await portal.CheckedBalanceAsync(customer.Id), await portal.CheckedBalanceAsync(reseller.Id)));
        for (var i = 0; i < abroad.Length; i++)
        {
            var message = await portal.MessageWhenAsync(answers[i].SmsId!, m => m.Status == MessageStatus.Delivered);
            Assert.Equal((abroad[i].Price, reseller.Id, abroad[i].Wholesale), (message.PriceFen, message.ResellerAccountId, message.WholesaleFen));
            Assert.Equal([(LedgerEntryKind.Reserve, -abroad[i].Wholesale), (LedgerEntryKind.Settle, 0L)], await MoneyLinesAsync(portal, reseller.Id, answers[i].SmsId!));
            Assert.Equal([(LedgerEntryKind.Reserve, -abroad[i].Price), (LedgerEntryKind.Settle, 0L)], await MoneyLinesAsync(portal, customer.Id, answers[i].SmsId!));
        }

        var home = await portal.MessageWhenAsync(mainland.SmsId!, m => m.IsFinal);
        Assert.Null(home.PriceFen);
        Assert.Null(home.ResellerAccountId);
        Assert.Null(home.WholesaleFen);
        Assert.Equal(865, await InternationalWorld.MoneyAsync(portal, customer.Id));
        Assert.Equal(875, await InternationalWorld.MoneyAsync(portal, reseller.Id));
        Assert.Equal("Ledger.Wholesale", await portal.QueryAsync(db => db.LedgerEntries.Where(e => e.AccountId == reseller.Id && e.Kind == LedgerEntryKind.Reserve).Select(e => e.Note).FirstAsync()) is { } note ? KeyedText.Parse(note)?.Key : null);
        await LedgerChain.AssertChainsAsync(portal, reseller.Id, LedgerCurrency.Cny);
        await LedgerChain.AssertChainsAsync(portal, customer.Id, LedgerCurrency.Cny);
        await LedgerChain.AssertChainsAsync(portal, reseller.Id, LedgerCurrency.Credits);

        // A direct customer's send abroad charges only its own money, as before.
        var direct = await TestAccounts.CreateAsync(portal, credits: 10, verified: true, paid: true);
        await InternationalWorld.GiveMoneyAsync(portal, direct.Id, 100);
        var own = await api.SubmitAsync(direct.ApiId, direct.ApiKey, "852 91234500", "1234", "1");
        Assert.Equal(2, own.Code);
        var ownMessage = await portal.MessageWhenAsync(own.SmsId!, m => m.IsFinal);
        Assert.Equal(30, ownMessage.PriceFen);
        Assert.Null(ownMessage.ResellerAccountId);
        Assert.Null(ownMessage.WholesaleFen);
        Assert.Equal(875, await InternationalWorld.MoneyAsync(portal, reseller.Id));
    }

    public static async Task AFailedSendRefundsBothAsync(PortalFactory portal)
    {
        var api = new VendorClient(portal.CreateClient());
        var (reseller, customer) = await WorldAsync(portal, 500, 500);

        // The simulator does not deliver numbers ending in 0000.
        var answer = await api.SubmitAsync(customer.ApiId, customer.ApiKey, "852 91230000", "1234", "1");
        Assert.Equal(2, answer.Code);
        Assert.Equal((460L, 470L), (await InternationalWorld.MoneyAsync(portal, customer.Id), await InternationalWorld.MoneyAsync(portal, reseller.Id)));
        Assert.Equal(MessageStatus.Failed, (await portal.MessageWhenAsync(answer.SmsId!, m => m.IsFinal)).Status);

        await Eventually.HoldsAsync(async () => await InternationalWorld.MoneyAsync(portal, reseller.Id) == 500, "the reseller's money comes back");
        Assert.Equal(500, await InternationalWorld.MoneyAsync(portal, customer.Id));
        Assert.Equal([(LedgerEntryKind.Reserve, -30L), (LedgerEntryKind.Refund, 30L)], await MoneyLinesAsync(portal, reseller.Id, answer.SmsId!));
        Assert.Equal([(LedgerEntryKind.Reserve, -40L), (LedgerEntryKind.Refund, 40L)], await MoneyLinesAsync(portal, customer.Id, answer.SmsId!));
        await LedgerChain.AssertChainsAsync(portal, reseller.Id, LedgerCurrency.Cny);
        await LedgerChain.AssertChainsAsync(portal, customer.Id, LedgerCurrency.Cny);
    }

    public static async Task ShortResellerRefusesWith4034Async(PortalFactory portal)
    {
        var api = new VendorClient(portal.CreateClient());
        var (reseller, customer) = await WorldAsync(portal, 40, 1000);
        var poor = await CustomerOfAsync(portal, reseller.Id, 20);
        var entries = await portal.QueryAsync(db => db.LedgerEntries.CountAsync());

        // The UK costs the reseller ¥0.50 and it holds ¥0.40: every door refuses, and nothing is charged to anybody.
        var vendor = await api.SubmitAsync(customer.ApiId, customer.ApiKey, "44 7911123458", "1234", "1");
        var json = await api.SubmitAsync(customer.ApiId, customer.ApiKey, "44 7911123459", "1234", "1", json: true);
        using var rest = portal.CreateClient();
        rest.DefaultRequestHeaders.Add("X-Api-Id", customer.ApiId);
        rest.DefaultRequestHeaders.Add("X-Api-Key", customer.ApiKey);
        var restAnswer = await rest.PostAsJsonAsync("/api/v1/messages", new { mobile = "+44 7911 123457", templateId = 1, content = "1234" });
        // A customer short of its own money hears 4051, as before, and its reseller pays nothing either.
        var poorAnswer = await api.SubmitAsync(poor.ApiId, poor.ApiKey, "852 91234501", "1234", "1");

        Assert.Equal((4034, "服务商国际短信余额不足，请联系您的服务商", "0"), (vendor.Code, vendor.Msg, vendor.SmsId));
        Assert.Equal(4034, json.Code);
        Assert.Equal(HttpStatusCode.PaymentRequired, restAnswer.StatusCode);
        Assert.Equal(4034, (await restAnswer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
        Assert.Equal(4051, poorAnswer.Code);
        Assert.Equal(entries, await portal.QueryAsync(db => db.LedgerEntries.CountAsync()));
        Assert.Equal(0, await portal.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == customer.Id || m.AccountId == poor.Id)));
        Assert.Equal((1000L, 40L, 20L), (await InternationalWorld.MoneyAsync(portal, customer.Id), await InternationalWorld.MoneyAsync(portal, reseller.Id), await InternationalWorld.MoneyAsync(portal, poor.Id)));

        // Hong Kong's "9" numbers cost it ¥0.30, which fits.
        var fits = await api.SubmitAsync(customer.ApiId, customer.ApiKey, "852 91234502", "1234", "1");
        Assert.Equal(2, fits.Code);
        Assert.Equal((960L, 10L), (await InternationalWorld.MoneyAsync(portal, customer.Id), await InternationalWorld.MoneyAsync(portal, reseller.Id)));
    }

    /// <summary>
    /// A reseller's package of money (¥50.00 for ¥55.00, no SMS): its customer buys it through the gateway and gets the
    /// money; the reseller's credits and money do not move (it pays per send). A package of money and SMS moves the SMS
    /// as a sale does. A package of ¥0.001 is refused. The customer's send abroad then charges both balances.
    /// </summary>
    public static async Task ResellerSellsMoneyAsync(PortalFactory portal)
    {
        var (reseller, _) = await WorldAsync(portal, 200, 0);
        var customer = await CustomerOfAsync(portal, reseller.Id, 0);
        var catalogue = portal.Service<SmsPortal.Infrastructure.Resellers.ResellerCatalogue>();
        var admin = Billing.BillingWorld.Admin;
        Assert.Equal("Error.PackageMoney", (await catalogue.SavePackageAsync(reseller.Id, null, new SmsPortal.Infrastructure.Billing.PackageInput("Too fine", 0, 1m, 365, true) { MoneyFen = -1 }, admin, CancellationToken.None)).Error);
        var money = await catalogue.SavePackageAsync(reseller.Id, null, new SmsPortal.Infrastructure.Billing.PackageInput("International ¥50", 0, 55m, 365, true) { MoneyFen = 5000 }, admin, CancellationToken.None);
        var both = await catalogue.SavePackageAsync(reseller.Id, null, new SmsPortal.Infrastructure.Billing.PackageInput("10 SMS and ¥1", 10, 5m, 365, true) { MoneyFen = 100 }, admin, CancellationToken.None);
        Assert.True(money.Ok && both.Ok, money.Error ?? both.Error);
        Assert.Equal(5000, (await catalogue.PackagesAsync(reseller.Id, CancellationToken.None)).Single(p => p.Id == money.Id).MoneyFen);
        var client = portal.CreateBrowserLikeClient();

        await SellingWorld.BuyAsync(portal, client, customer.Id, (int)money.Id!.Value);
        await SellingWorld.BuyAsync(portal, client, customer.Id, (int)both.Id!.Value);

        Assert.Equal((5100L, 110L), (await InternationalWorld.MoneyAsync(portal, customer.Id), await portal.CheckedBalanceAsync(customer.Id)));
        Assert.Equal((200L, 40L), (await InternationalWorld.MoneyAsync(portal, reseller.Id), await portal.CheckedBalanceAsync(reseller.Id)));
        var answer = await new VendorClient(portal.CreateClient()).SubmitAsync(customer.ApiId, customer.ApiKey, "852 91234503", "1234", "1");
        Assert.Equal(2, answer.Code);
        Assert.Equal((5060L, 170L), (await InternationalWorld.MoneyAsync(portal, customer.Id), await InternationalWorld.MoneyAsync(portal, reseller.Id)));
        await LedgerChain.AssertChainsAsync(portal, customer.Id, LedgerCurrency.Cny);
        await LedgerChain.AssertChainsAsync(portal, reseller.Id, LedgerCurrency.Cny);
    }

    /// <summary>
    /// Three customers of one reseller send abroad at once, 30 sends in all, some to numbers the simulator fails (refunded
    /// while others are still being accepted). The reseller holds money for a few of them only, so the edge is met: some
    /// sends are refused with 4034. Whatever the interleaving: no money entry takes a balance below zero, every entry
    /// chains, each accepted message holds one reservation on each side and ends with one settlement or refund on each,
    /// and once all are final the reseller has paid the platform's price for the delivered ones only, each customer its
    /// reseller's price for its own delivered ones only.
    /// </summary>
    public static async Task RacingSendsConserveMoneyAsync(PortalFactory portal, Action<string> log)
    {
        var api = new VendorClient(portal.CreateClient());
        const long resellerStart = 30 * 6 + 15;
        var (reseller, first) = await WorldAsync(portal, resellerStart, 10_000);
        var customers = new[] { first, await CustomerOfAsync(portal, reseller.Id, 10_000), await CustomerOfAsync(portal, reseller.Id, 10_000) };
        var sends = Enumerable.Range(0, 30).Select(i => (Customer: customers[i % 3], Mobile: i % 5 == 0 ? $"852 92{i % 9}{i / 9}0000" : $"852 93{i:D2}{Random.Shared.Next(1000, 9999)}")).ToList();

        var answers = await Task.WhenAll(sends.Select(s => api.SubmitAsync(s.Customer.ApiId, s.Customer.ApiKey, s.Mobile, "1234", "1")));

        var accepted = answers.Count(a => a.Code == 2);
        log($"accepted {accepted}, refused {answers.Count(a => a.Code == 4034)}");
        Assert.All(answers, a => Assert.True(a.Code is 2 or 4034, $"code {a.Code}"));
        Assert.Contains(answers, a => a.Code == 4034);
        Assert.True(accepted >= 6, $"only {accepted} accepted");
        var smsIds = answers.Where(a => a.Code == 2).Select(a => a.SmsId!).ToList();
        foreach (var smsId in smsIds)
        {
            await portal.MessageWhenAsync(smsId, m => m.IsFinal);
        }

        await Eventually.HoldsAsync(
            async () => await portal.QueryAsync(db => db.LedgerEntries.CountAsync(e => e.AccountId == reseller.Id && e.Currency == LedgerCurrency.Cny && (e.Kind == LedgerEntryKind.Settle || e.Kind == LedgerEntryKind.Refund))) == smsIds.Count,
            "every message settled on the reseller's side");
        var messages = await portal.QueryAsync(db => db.Messages.Where(m => m.ResellerAccountId == reseller.Id).Select(m => new { m.Id, m.AccountId, m.Status, m.PriceFen, m.WholesaleFen, m.AcceptedAt }).ToListAsync());
        Assert.Equal(smsIds.Count, messages.Count);
        var delivered = messages.Where(m => m.Status == MessageStatus.Delivered).ToList();
        Assert.Equal(resellerStart - delivered.Sum(m => m.WholesaleFen!.Value), (await LedgerChain.AssertChainsAsync(portal, reseller.Id, LedgerCurrency.Cny)).Balance);
        foreach (var customer in customers)
        {
            Assert.Equal(10_000 - delivered.Where(m => m.AccountId == customer.Id).Sum(m => m.PriceFen!.Value), (await LedgerChain.AssertChainsAsync(portal, customer.Id, LedgerCurrency.Cny)).Balance);
        }

        foreach (var message in messages)
        {
            var smsId = Message.FormatSmsId(message.AcceptedAt, message.Id);
            var closing = message.Status == MessageStatus.Delivered ? LedgerEntryKind.Settle : LedgerEntryKind.Refund;
            Assert.Equal([(LedgerEntryKind.Reserve, -message.WholesaleFen!.Value), (closing, closing == LedgerEntryKind.Settle ? 0 : message.WholesaleFen!.Value)], await MoneyLinesAsync(portal, reseller.Id, smsId));
            Assert.Equal([(LedgerEntryKind.Reserve, -message.PriceFen!.Value), (closing, closing == LedgerEntryKind.Settle ? 0 : message.PriceFen!.Value)], await MoneyLinesAsync(portal, message.AccountId, smsId));
        }

        var ids = customers.Select(c => c.Id).Append(reseller.Id).ToArray();
        Assert.False(await portal.QueryAsync(db => db.LedgerEntries.AnyAsync(e => ids.Contains(e.AccountId) && e.Currency == LedgerCurrency.Cny && e.BalanceAfter < 0)));
    }
}
