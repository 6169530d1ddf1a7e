using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Accounts;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Resellers;

/// <summary>
/// The isolation matrix's reseller rows: resellers R1 and R2, a customer of each (C1, C2) and a direct customer D. Every
/// reseller route (the REST API and the console's service calls) is called by R1 with each account's API ID: R1 reaches
/// C1 (the positive control) and nothing of C2's, D's or R2's; C1 and D, not resellers, reach nothing at all.
/// </summary>
public sealed class ResellerIsolationTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    public enum Target
    {
        OwnCustomer,
        OtherResellersCustomer,
        DirectCustomer,
        OtherReseller,
    }

    public static readonly string[] Routes =
    [
        "GET /api/v1/customers", "POST /api/v1/customers/{apiId}/transfers", "POST /api/v1/customers/{apiId}/take-backs",
        "console: list", "console: freeze", "console: unfreeze", "console: transfer", "console: take back",
    ];

    public static TheoryData<string, Target> Rows()
    {
        var data = new TheoryData<string, Target>();
        foreach (var route in Routes)
        {
            foreach (var target in Enum.GetValues<Target>())
            {
                data.Add(route, target);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task AResellerReachesItsOwnCustomersAndNobodyElse(string route, Target target)
    {
        var (r1, _) = await ResellerWorld.NewResellerAsync(Portal, 1000, name: "R1");
        var (r2, _) = await ResellerWorld.NewResellerAsync(Portal, 1000, name: "R2");
        var c1 = await CustomerOfAsync(r1);
        var c2 = await CustomerOfAsync(r2);
        var direct = await TestAccounts.CreateAsync(Portal, 100);
        var (id, apiId) = target switch
        {
            Target.OwnCustomer => c1,
            Target.OtherResellersCustomer => c2,
            Target.DirectCustomer => (direct.Id, direct.ApiId),
            _ => (r2.Id, r2.ApiId),
        };
        var own = target == Target.OwnCustomer;
        var before = await StateAsync(id);
        var api = ResellerWorld.Api(Portal, r1);
        var customers = Portal.Service<ResellerCustomers>();
        var transfers = Portal.Service<CreditTransfers>();
        var none = CancellationToken.None;

        switch (route)
        {
            case "GET /api/v1/customers":
                var listed = await api.ListAsync("?search=" + apiId);
                Assert.Equal(HttpStatusCode.OK, listed.Status);
                Assert.Equal(own, listed.Body.GetProperty("customers").EnumerateArray().Any(c => c.GetProperty("apiId").GetString() == apiId));
                Assert.Equal(own, (await customers.SearchAsync(r1.Id, null, 0, 200, none)).Rows.Any(r => r.ApiId == apiId));
                break;
            case "POST /api/v1/customers/{apiId}/transfers" or "POST /api/v1/customers/{apiId}/take-backs":
                var answer = route.EndsWith("transfers", StringComparison.Ordinal) ? await api.TransferAsync(apiId, 5, "isolation") : await api.TakeBackAsync(apiId, 5, "isolation");
                Assert.True(answer.Status == (own ? HttpStatusCode.OK : HttpStatusCode.NotFound), $"{target}: {answer}");
                Assert.DoesNotContain(apiId, answer.Title, StringComparison.Ordinal);
                break;
            case "console: list":
                Assert.Equal(own, (await customers.SearchAsync(r1.Id, apiId, 0, 50, none)).Total == 1);
                break;
            case "console: freeze" or "console: unfreeze":
                var status = route.EndsWith("unfreeze", StringComparison.Ordinal) ? AccountStatus.Active : AccountStatus.Frozen;
                if (status == AccountStatus.Active)
                {
                    await Portal.QueryAsync(db => db.Accounts.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AccountStatus.Frozen)));
                    before = await StateAsync(id);
                }

                Assert.Equal(own, await customers.SetStatusAsync(r1.Id, apiId, status, none));
                break;
            default:
                var actor = new SmsPortal.Infrastructure.Billing.BillingActor("r1-person", "r1@example.com");
                var result = route == "console: transfer"
                    ? await transfers.TransferAsync(r1.Id, apiId, 5, "isolation", actor, none)
                    : await transfers.TakeBackAsync(r1.Id, apiId, 5, "isolation", actor, none);
                Assert.Equal(own, result.Ok);
                Assert.Equal(own ? null : "Error.NotYourCustomer", result.Error);
                break;
        }

        if (!own)
        {
            Assert.Equal(before, await StateAsync(id));
        }
    }

    [Fact]
    public async Task ACustomerOfAResellerAndADirectCustomerAreRefusedOnEveryResellerRoute()
    {
        var (r1, _) = await ResellerWorld.NewResellerAsync(Portal, 1000, name: "R1");
        var (c1Id, c1ApiId) = await CustomerOfAsync(r1);
        var key = (await ResellerWorld.Api(Portal, r1).CreateCustomerAsync("Keyed")).Body;
        var c1 = new ResellerApi(Portal.CreateClient(), key.GetProperty("apiId").GetString()!, key.GetProperty("apiKey").GetString()!);
        var direct = await TestAccounts.CreateAsync(Portal, 100);
        var d = new ResellerApi(Portal.CreateClient(), direct.ApiId, direct.ApiKey);
        var counts = await ResellerWorld.CountsAsync(Portal);

        foreach (var caller in new[] { c1, d })
        {
            foreach (var answer in new[]
            {
                await caller.ListAsync(), await caller.CreateCustomerAsync("Nested"),
                await caller.TransferAsync(c1ApiId, 1, "sideways"), await caller.TakeBackAsync(c1ApiId, 1, "sideways"),
            })
            {
                Assert.True(answer.Status == HttpStatusCode.Forbidden, answer.ToString());
                Assert.Equal("Error.NotAReseller", answer.Error);
                Assert.DoesNotContain(c1ApiId, answer.Body.ToString(), StringComparison.Ordinal);
            }

            Assert.False(await Portal.Service<ResellerCustomers>().SetStatusAsync(direct.Id, c1ApiId, AccountStatus.Frozen, CancellationToken.None));
        }

        Assert.Equal(counts, await ResellerWorld.CountsAsync(Portal));
        Assert.Equal(AccountStatus.Active, await Portal.QueryAsync(db => db.Accounts.Where(a => a.Id == c1Id).Select(a => a.Status).SingleAsync()));
    }

    private async Task<(int Id, string ApiId)> CustomerOfAsync(TestAccounts.Made reseller)
    {
        var api = ResellerWorld.Api(Portal, reseller);
        var apiId = (await api.CreateCustomerAsync("Customer of " + reseller.ApiId)).Body.GetProperty("apiId").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await api.TransferAsync(apiId, 50, "start")).Status);
        return (await Portal.QueryAsync(db => db.Accounts.Where(a => a.ApiId == apiId).Select(a => a.Id).SingleAsync()), apiId);
    }

    /// <summary>What no refused row may change: the account's status, parent, and ledger; every audit line of it.</summary>
    private Task<string> StateAsync(int accountId) => Portal.QueryAsync(async db => JsonSerializer.Serialize(new object[]
    {
        await db.Accounts.Where(a => a.Id == accountId).Select(a => new { a.Status, a.ParentAccountId, a.Kind }).SingleAsync(),
        await db.LedgerEntries.Where(e => e.AccountId == accountId).OrderBy(e => e.Id).Select(e => new { e.Id, e.BalanceAfter }).ToListAsync(),
        await db.BillingAuditEntries.Where(a => a.AccountId == accountId).Select(a => a.Id).ToListAsync(),
    }));
}
