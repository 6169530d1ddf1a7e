using Microsoft.EntityFrameworkCore;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Billing.Payments;
using SmsPortal.Tests.Features.Billing;
using SmsPortal.Tests.Features.Resellers;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.International;

/// <summary>
/// A top-up of a free amount of money for international SMS (decision 0034): an order paid like a package's, money added
/// once in the transaction that marks it paid, bad amounts refused with nothing created. On SQLite, through the sandbox's
/// real notification over HTTP.
/// </summary>
public sealed class MoneyTopUpTests(SqliteKestrelPortal host) : IClassFixture<SqliteKestrelPortal>
{
    private PortalFactory Portal => host.Portal;

    private OrderService Orders => Portal.Service<OrderService>();

    [Fact]
    public Task ATopUpPaidThroughTheSandboxAddsMoneyOnceThoughTheNotificationIsReplayed() =>
        MoneyTopUpScenarios.ATopUpPaidThroughTheSandboxAddsMoneyOnceThoughTheNotificationIsReplayedAsync(host);

    [Theory]
    [InlineData("0", "TopUp.Error.Range")]
    [InlineData("9.99", "TopUp.Error.Range")]
    [InlineData("50000.01", "TopUp.Error.Range")]
    [InlineData("-20", "TopUp.Error.Amount")]
    [InlineData("12.345", "TopUp.Error.Amount")]
    [InlineData("abc", "TopUp.Error.Amount")]
    [InlineData("1,000", "TopUp.Error.Amount")]
    [InlineData("1e3", "TopUp.Error.Amount")]
    [InlineData("", "TopUp.Error.Amount")]
    [InlineData(null, "TopUp.Error.Amount")]
    public async Task ABadAmountIsRefusedWithItsReasonAndCreatesNothing(string? amount, string error)
    {
        var account = await BillingWorld.NewAccountAsync(Portal, "Bad Amount Co");

        var placed = await Orders.PlaceTopUpAsync(account, amount, null, CancellationToken.None);

        Assert.Equal((false, error), (placed.Ok, placed.Error));
        Assert.Equal(0, await Portal.QueryAsync(db => db.Orders.CountAsync(o => o.AccountId == account)));
    }

    [Fact]
    public async Task TheLimitsThemselvesAreAcceptedAndABankTransferPaysATopUpLikeAPackage()
    {
        var account = await BillingWorld.NewAccountAsync(Portal, "Limits Co");

        var smallest = await Orders.PlaceTopUpAsync(account, "10", null, CancellationToken.None);
        var largest = await Orders.PlaceTopUpAsync(account, "50000.00", null, CancellationToken.None);
        Assert.True(smallest.Ok && largest.Ok, smallest.Error ?? largest.Error);
        Assert.Equal(new MoneyTopUpTerms(true, 1000, 5_000_000), await Orders.TopUpTermsAsync(account, CancellationToken.None));

        var confirmed = await Portal.Service<PaymentService>().ConfirmTransferAsync(largest.Id!.Value, "BANK-" + Guid.NewGuid().ToString("N")[..12], BillingWorld.Admin, CancellationToken.None);
        Assert.True(confirmed.Ok, confirmed.Error);
        Assert.Equal(5_000_000, await InternationalWorld.MoneyAsync(Portal, account));
        var again = await Portal.Service<PaymentService>().ConfirmTransferAsync(largest.Id.Value, "BANK-" + Guid.NewGuid().ToString("N")[..12], BillingWorld.Admin, CancellationToken.None);
        Assert.False(again.Ok);
        Assert.Equal(5_000_000, await InternationalWorld.MoneyAsync(Portal, account));
    }

    [Fact]
    public async Task AResellersCustomerIsNotOfferedATopUpAndOneAskedForCreatesNothing()
    {
        var (reseller, _) = await ResellerWorld.NewResellerAsync(Portal, credits: 1000);
        var apiId = (await ResellerWorld.Api(Portal, reseller).CreateCustomerAsync("Reseller's Co")).Body.GetProperty("apiId").GetString();
        var customer = await Portal.QueryAsync(db => db.Accounts.Where(a => a.ApiId == apiId).Select(a => a.Id).SingleAsync());

        Assert.False((await Orders.TopUpTermsAsync(customer, CancellationToken.None)).Offered);
        Assert.Equal("TopUp.Error.NotOffered", (await Orders.PlaceTopUpAsync(customer, "100", null, CancellationToken.None)).Error);
        Assert.Equal(0, await Portal.QueryAsync(db => db.Orders.CountAsync(o => o.AccountId == customer)));

        // The reseller itself buys from the platform: offered, at face value.
        Assert.True((await Orders.TopUpTermsAsync(reseller.Id, CancellationToken.None)).Offered);
        var placed = await Orders.PlaceTopUpAsync(reseller.Id, "100", null, CancellationToken.None);
        Assert.Equal(100m, (await Orders.GetAsync(placed.Id!.Value, reseller.Id, CancellationToken.None))!.Amount);
    }
}
