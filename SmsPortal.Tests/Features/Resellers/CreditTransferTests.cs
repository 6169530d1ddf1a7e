using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Ledger;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Resellers;

/// <summary>A reseller moves credits to and from its customers through the REST API with its own key.</summary>
public sealed class CreditTransferTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task ATransferMovesCreditsFromTheResellerToItsCustomerOnBothLedgersAndTheAudit()
    {
        var (reseller, _) = await ResellerWorld.NewResellerAsync(Portal, credits: 1000);
        var api = ResellerWorld.Api(Portal, reseller);
        var created = await api.CreateCustomerAsync("甲方客户");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var customer = created.Body.GetProperty("apiId").GetString()!;

        var moved = await api.TransferAsync(customer, 300, "首批额度");

        Assert.True(moved.Status == HttpStatusCode.OK, moved.ToString());
        Assert.Equal(700, moved.Body.GetProperty("resellerBalance").GetInt64());
        Assert.Equal(300, moved.Body.GetProperty("customerBalance").GetInt64());
        var customerId = await Portal.QueryAsync(db => db.Accounts.Where(a => a.ApiId == customer).Select(a => a.Id).SingleAsync());
        Assert.Equal(700, await Portal.CheckedBalanceAsync(reseller.Id));
        Assert.Equal(300, await Portal.CheckedBalanceAsync(customerId));
        var entries = await Portal.QueryAsync(db => db.LedgerEntries.Where(e => (e.AccountId == reseller.Id || e.AccountId == customerId) && e.Kind == LedgerEntryKind.Transfer).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([-300L, 300L], entries.Select(e => e.Amount));
        Assert.Contains("首批额度", Uri.UnescapeDataString(entries[1].Note!), StringComparison.Ordinal);
        var audit = await Portal.QueryAsync(db => db.BillingAuditEntries.Where(a => a.AccountId == customerId).SingleAsync());
        Assert.Equal(BillingAction.CreditsTransferred, audit.Action);
        Assert.Equal("首批额度", audit.Reason);
        Assert.Equal("api:" + reseller.ApiId, audit.ActorUserId);

        var listed = await api.ListAsync();
        var row = Assert.Single(listed.Body.GetProperty("customers").EnumerateArray());
        Assert.Equal(customer, row.GetProperty("apiId").GetString());
        Assert.Equal(300, row.GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task ATakeBackReturnsUnspentCreditsToTheReseller()
    {
        var (reseller, _) = await ResellerWorld.NewResellerAsync(Portal, credits: 500);
        var api = ResellerWorld.Api(Portal, reseller);
        var customer = (await api.CreateCustomerAsync("Back Co")).Body.GetProperty("apiId").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await api.TransferAsync(customer, 200, "trial month")).Status);

        var back = await api.TakeBackAsync(customer, 150, "unused");

        Assert.True(back.Status == HttpStatusCode.OK, back.ToString());
        Assert.Equal(450, back.Body.GetProperty("resellerBalance").GetInt64());
        Assert.Equal(50, back.Body.GetProperty("customerBalance").GetInt64());
        Assert.Equal(450, await Portal.CheckedBalanceAsync(reseller.Id));
        var audit = await Portal.QueryAsync(db => db.BillingAuditEntries.Where(a => a.Action == BillingAction.CreditsTakenBack && a.Reason == "unused").CountAsync());
        Assert.Equal(1, audit);
    }

    public static TheoryData<string> BadTransfers() => ["zero", "negative", "too many", "over balance", "take back over balance", "no reason", "long reason",
        "another reseller's customer", "a direct customer", "unknown API ID", "the reseller itself", "caller not a reseller", "wrong key"];

    [Theory]
    [MemberData(nameof(BadTransfers))]
    public async Task ABadTransferIsRefusedWithItsReasonAndChangesNothing(string bad)
    {
        var (reseller, _) = await ResellerWorld.NewResellerAsync(Portal, credits: 100);
        var api = ResellerWorld.Api(Portal, reseller);
        var customer = (await api.CreateCustomerAsync("Mine Co")).Body.GetProperty("apiId").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await api.TransferAsync(customer, 40, "start")).Status);
        var (other, _) = await ResellerWorld.NewResellerAsync(Portal, credits: 100, name: "Agent Two");
        var othersCustomer = (await ResellerWorld.Api(Portal, other).CreateCustomerAsync("Theirs Co")).Body.GetProperty("apiId").GetString()!;
        var direct = await TestAccounts.CreateAsync(Portal, 50);
        var before = await ResellerWorld.CountsAsync(Portal);

        var (answer, status, error) = bad switch
        {
            "zero" => (await api.TransferAsync(customer, 0, "none"), HttpStatusCode.BadRequest, "Error.TransferAmount"),
            "negative" => (await api.TransferAsync(customer, -5, "steal"), HttpStatusCode.BadRequest, "Error.TransferAmount"),
            "too many" => (await api.TransferAsync(customer, 10_000_001, "huge"), HttpStatusCode.BadRequest, "Error.TransferAmount"),
            "over balance" => (await api.TransferAsync(customer, 61, "more than held"), HttpStatusCode.Conflict, "Error.TransferOverBalance"),
            "take back over balance" => (await api.TakeBackAsync(customer, 41, "more than given"), HttpStatusCode.Conflict, "Error.TakeBackOverBalance"),
            "no reason" => (await api.TransferAsync(customer, 5, " "), HttpStatusCode.BadRequest, "Error.TransferReason"),
            "long reason" => (await api.TransferAsync(customer, 5, new string('x', 41)), HttpStatusCode.BadRequest, "Error.TransferReason"),
            "another reseller's customer" => (await api.TransferAsync(othersCustomer, 5, "poach"), HttpStatusCode.NotFound, "Error.NotYourCustomer"),
            "a direct customer" => (await api.TakeBackAsync(direct.ApiId, 5, "poach"), HttpStatusCode.NotFound, "Error.NotYourCustomer"),
            "unknown API ID" => (await api.TransferAsync("C99999999", 5, "nobody"), HttpStatusCode.NotFound, "Error.NotYourCustomer"),
            "the reseller itself" => (await api.TransferAsync(reseller.ApiId, 5, "loop"), HttpStatusCode.NotFound, "Error.NotYourCustomer"),
            "caller not a reseller" => (await new ResellerApi(Portal.CreateClient(), direct.ApiId, direct.ApiKey).TransferAsync(customer, 5, "not mine"), HttpStatusCode.Forbidden, "Error.NotAReseller"),
            _ => (await new ResellerApi(Portal.CreateClient(), reseller.ApiId, "wrong" + reseller.ApiKey[5..]).TransferAsync(customer, 5, "bad key"), HttpStatusCode.Unauthorized, null),
        };

        Assert.True(answer.Status == status, $"{bad}: {answer}");
        Assert.Equal(error, answer.Error);
        Assert.False(string.IsNullOrWhiteSpace(answer.Title), answer.ToString());
        Assert.Equal(before, await ResellerWorld.CountsAsync(Portal));
        Assert.Equal(60, await Portal.CheckedBalanceAsync(reseller.Id));
    }

    [Fact]
    public async Task ANewCustomerGetsTheResellersTrialCreditsOutOfItsBalanceAndNoneWhenItIsShort()
    {
        var (reseller, _) = await ResellerWorld.NewResellerAsync(Portal, credits: 25, trialCredits: 10);
        var api = ResellerWorld.Api(Portal, reseller);

        var first = await api.CreateCustomerAsync("Trial One");
        var second = await api.CreateCustomerAsync("Trial Two");
        var third = await api.CreateCustomerAsync("Trial Three");

        Assert.Equal([10L, 10L, 0L], new[] { first, second, third }.Select(c => c.Body.GetProperty("trialCredits").GetInt64()));
        Assert.Equal(5, await Portal.CheckedBalanceAsync(reseller.Id));
        var listed = (await api.ListAsync()).Body.GetProperty("customers").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("balance").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["Trial One"] = 10, ["Trial Two"] = 10, ["Trial Three"] = 0 }, listed);
        var key = third.Body.GetProperty("apiKey").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await new ResellerApi(Portal.CreateClient(), third.Body.GetProperty("apiId").GetString()!, key).SendAsync(HttpMethod.Get, "/api/v1/balance", null)).Status);
    }

    [Fact]
    public async Task AFrozenCustomerIsRefusedAtTheApiUntilItsResellerUnfreezesIt()
    {
        var (reseller, _) = await ResellerWorld.NewResellerAsync(Portal, credits: 10);
        var created = (await ResellerWorld.Api(Portal, reseller).CreateCustomerAsync("Frozen Co")).Body;
        var customer = new ResellerApi(Portal.CreateClient(), created.GetProperty("apiId").GetString()!, created.GetProperty("apiKey").GetString()!);
        var customers = Portal.Service<SmsPortal.Infrastructure.Resellers.ResellerCustomers>();
        Assert.Equal(HttpStatusCode.OK, (await customer.SendAsync(HttpMethod.Get, "/api/v1/balance", null)).Status);

        Assert.True(await customers.SetStatusAsync(reseller.Id, created.GetProperty("apiId").GetString(), SmsPortal.Domain.Accounts.AccountStatus.Frozen, CancellationToken.None));
        var frozen = await customer.SendAsync(HttpMethod.Get, "/api/v1/balance", null);
        Assert.True(await customers.SetStatusAsync(reseller.Id, created.GetProperty("apiId").GetString(), SmsPortal.Domain.Accounts.AccountStatus.Active, CancellationToken.None));
        var unfrozen = await customer.SendAsync(HttpMethod.Get, "/api/v1/balance", null);

        Assert.Equal(HttpStatusCode.Forbidden, frozen.Status);
        Assert.Equal(4050, frozen.Body.GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.OK, unfrozen.Status);
    }

    [Fact]
    public async Task ACustomerWithoutANameIsRefusedAndNothingIsCreated()
    {
        var (reseller, _) = await ResellerWorld.NewResellerAsync(Portal, credits: 25, trialCredits: 10);
        var before = await ResellerWorld.CountsAsync(Portal);

        var answer = await ResellerWorld.Api(Portal, reseller).CreateCustomerAsync("  ");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Error.CustomerName", answer.Error);
        Assert.Equal(before, await ResellerWorld.CountsAsync(Portal));
    }
}
