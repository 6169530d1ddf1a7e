using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Resellers;

/// <summary>
/// The reseller's view of its customers (decision 0031): the statistics over REST with the reseller's key, the customer's
/// page and the statistics page in the console. R1 sees C1's sends and nothing of C2's (R2's customer) or D's (a direct
/// customer); every id outside its tree answers 404.
/// </summary>
public sealed class ResellerViewTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task AResellerReadsItsCustomersStatisticsOverRestAndNothingOfAnybodyElses()
    {
        var (r1, _) = await ResellerWorld.NewResellerAsync(Portal, 1000, name: "R1");
        var (r2, _) = await ResellerWorld.NewResellerAsync(Portal, 1000, name: "R2");
        var c1 = await SendingCustomerAsync(r1.Id, sends: 2);
        var c2 = await SendingCustomerAsync(r2.Id, sends: 1);
        var direct = await SendingCustomerAsync(null, sends: 1);
        var api = ResellerWorld.Api(Portal, r1);

        var all = await api.SendAsync(HttpMethod.Get, "/api/v1/customers/statistics?days=7", null);
        Assert.True(all.Status == HttpStatusCode.OK, all.ToString());
        var customers = all.Body.GetProperty("customers").EnumerateArray().ToList();
        var only = Assert.Single(customers);
        Assert.Equal(c1.ApiId, only.GetProperty("apiId").GetString());
        Assert.Equal(2, only.GetProperty("sent").GetInt32());
        Assert.Equal(7, all.Body.GetProperty("days").GetArrayLength());
        Assert.Equal(2, all.Body.GetProperty("days").EnumerateArray().Sum(d => d.GetProperty("sent").GetInt32()));
        Assert.DoesNotContain(c2.ApiId, all.Body.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(direct.ApiId, all.Body.ToString(), StringComparison.Ordinal);

        var one = await api.SendAsync(HttpMethod.Get, $"/api/v1/customers/{c1.ApiId}/statistics?days=30", null);
        Assert.True(one.Status == HttpStatusCode.OK, one.ToString());
        Assert.Equal(30, one.Body.GetProperty("days").GetArrayLength());
        Assert.Equal(2, one.Body.GetProperty("days").EnumerateArray().Sum(d => d.GetProperty("sent").GetInt32()));
        Assert.Equal(await BalanceAsync(c1.Id), one.Body.GetProperty("balance").GetInt64());

        foreach (var foreign in new[] { c2.ApiId, direct.ApiId, r2.ApiId, r1.ApiId, "999999999" })
        {
            var refused = await api.SendAsync(HttpMethod.Get, $"/api/v1/customers/{foreign}/statistics", null);
            Assert.True(refused.Status == HttpStatusCode.NotFound, $"{foreign}: {refused}");
            Assert.Equal("Error.NotYourCustomer", refused.Error);
            Assert.DoesNotContain("\"sent\"", refused.Body.ToString(), StringComparison.Ordinal);
        }

        var theirs = await ResellerWorld.Api(Portal, r2).SendAsync(HttpMethod.Get, "/api/v1/customers/statistics", null);
        Assert.Equal(c2.ApiId, Assert.Single(theirs.Body.GetProperty("customers").EnumerateArray().ToList()).GetProperty("apiId").GetString());
        Assert.DoesNotContain(c1.ApiId, theirs.Body.ToString(), StringComparison.Ordinal);

        foreach (var days in new[] { "0", "91", "-3" })
        {
            var bad = await api.SendAsync(HttpMethod.Get, "/api/v1/customers/statistics?days=" + days, null);
            Assert.True(bad.Status == HttpStatusCode.BadRequest, bad.ToString());
            Assert.Equal("Error.StatisticsDays", bad.Error);
        }
    }

    [Fact]
    public async Task ACustomerAndADirectCustomerAreNoResellersForTheStatistics()
    {
        var (r1, _) = await ResellerWorld.NewResellerAsync(Portal, 1000, name: "R1");
        var c1 = await SendingCustomerAsync(r1.Id, sends: 1);
        var direct = await SendingCustomerAsync(null, sends: 0);

        foreach (var caller in new[] { c1, direct })
        {
            var client = new ResellerApi(Portal.CreateClient(), caller.ApiId, caller.ApiKey);
            foreach (var url in new[] { "/api/v1/customers/statistics", $"/api/v1/customers/{c1.ApiId}/statistics" })
            {
                var answer = await client.SendAsync(HttpMethod.Get, url, null);
                Assert.True(answer.Status == HttpStatusCode.Forbidden, $"{url}: {answer}");
                Assert.Equal("Error.NotAReseller", answer.Error);
            }
        }
    }

    [Fact]
    public async Task TheResellersPersonSeesItsCustomersPageAndAnyOtherIdIsNotFound()
    {
        var (r1, person) = await SignedInResellerAsync("R1 people");
        var (r2, _) = await ResellerWorld.NewResellerAsync(Portal, 1000, name: "R2");
        var c1 = await SendingCustomerAsync(r1, sends: 1);
        var c2 = await SendingCustomerAsync(r2.Id, sends: 1);
        var direct = await SendingCustomerAsync(null, sends: 0);
        var c1Name = await NameAsync(c1.Id);

        using var own = await person.GetAsync($"/console/customers/{c1.ApiId}");
        var html = await own.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains(c1.ApiId, html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(c1Name), html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"customer-statistics\"", html, StringComparison.Ordinal);

        foreach (var foreign in new[] { c2.ApiId, direct.ApiId, r2.ApiId })
        {
            using var response = await person.GetAsync($"/console/customers/{foreign}");
            var seen = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{foreign}: {response.StatusCode}");
            Assert.DoesNotContain(await NameAsync(await IdOfAsync(foreign)), seen, StringComparison.Ordinal);
        }

        using var statistics = await person.GetAsync("/console/customers/statistics");
        Assert.Equal(HttpStatusCode.OK, statistics.StatusCode);
        Assert.Contains("data-testid=\"reseller-statistics\"", await statistics.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A person of a customer (not a reseller) finds no customer page at all, not even with its own API ID.
        var customerPerson = await People.RegisteredCustomerAsync(Portal, $"plain-{Guid.NewGuid():N}@example.com");
        using var none = await customerPerson.GetAsync($"/console/customers/{c1.ApiId}");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.DoesNotContain(c1Name, await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheResellerSeesItsCustomersReviewItemsWithTheirOutcomesAndStatisticsByCustomer()
    {
        var (r1, _) = await ResellerWorld.NewResellerAsync(Portal, 1000, name: "R1");
        var c1 = await SendingCustomerAsync(r1.Id, sends: 1);
        await Portal.QueryAsync(db =>
        {
            db.Signatures.Add(new Signature { AccountId = c1.Id, Text = "被拒签名", State = ReviewState.Rejected, RejectionReason = "签名与营业执照不符", CreatedAt = DateTimeOffset.UtcNow, SubmittedAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });
        var view = Portal.Service<ResellerView>();

        var customer = await view.CustomerAsync(r1.Id, c1.ApiId, CancellationToken.None);
        var items = await view.ReviewItemsAsync(customer!, CancellationToken.None);

        var rejected = Assert.Single(items, i => !i.IsTemplate && i.Text == "被拒签名");
        Assert.Equal(ReviewState.Rejected, rejected.State);
        Assert.Equal("签名与营业执照不符", rejected.RejectionReason);
        Assert.Contains(items, i => i.IsTemplate && i.State == ReviewState.Approved);
        var totals = Assert.Single(await view.TotalsAsync(r1.Id, 1, CancellationToken.None));
        Assert.Equal((c1.ApiId, 1), (totals.ApiId, totals.Counts.Sent));
        Assert.Null(await view.CustomerAsync(c1.Id, c1.ApiId, CancellationToken.None));
    }

    /// <summary>A person signed in through the pages whose account an admin then makes a reseller.</summary>
    private async Task<(int AccountId, HttpClient Person)> SignedInResellerAsync(string company)
    {
        var email = $"reseller-{Guid.NewGuid():N}@example.com";
        await People.RegisteredCustomerAsync(Portal, email, company: company);
        var accountId = (await People.FindAsync(Portal, email))!.AccountId!.Value;
        var apiId = await Portal.QueryAsync(db => db.Accounts.Where(a => a.Id == accountId).Select(a => a.ApiId).SingleAsync());
        var host = $"v{Guid.NewGuid():N}"[..13] + ".agent.test";
        var saved = await Portal.Service<ResellerAdministration>().SaveAsync(apiId, ResellerWorld.Settings(host, name: company), Billing.BillingWorld.Admin, CancellationToken.None);
        Assert.True(saved.Ok, saved.Error);
        var person = Portal.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await People.SignInAsync(person, email, "Customer#2026")).StatusCode);
        return (accountId, person);
    }

    /// <summary>A verified, paying account with an approved signature and template (of <paramref name="resellerId"/> when given) that has sent <paramref name="sends"/> messages through the vendor API.</summary>
    private async Task<TestAccounts.Made> SendingCustomerAsync(int? resellerId, int sends)
    {
        var made = await TestAccounts.CreateAsync(Portal, 100, verified: true, paid: true, signatures: ["视图测试"],
            templates: [("notice", "您的订单【order】已发货。", TemplateKind.Notification)]);
        if (resellerId is { } parent)
        {
            await TestAccounts.SetAsync(Portal, made.Id, a => a.ParentAccountId = parent);
        }

        var vendor = new VendorClient(Portal.CreateClient());
        for (var i = 0; i < sends; i++)
        {
            var mobile = "1390000" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
            var sent = await vendor.SubmitAsync(made.ApiId, made.ApiKey, mobile, "A" + i.ToString(CultureInfo.InvariantCulture), made.Templates["notice"].ToString(CultureInfo.InvariantCulture));
            Assert.True(sent.Code == 2, $"{sent.Code} {sent.Msg}");
        }

        return made;
    }

    private Task<long> BalanceAsync(int accountId) => Portal.QueryAsync(db =>
        db.LedgerEntries.Where(e => e.AccountId == accountId).OrderByDescending(e => e.Id).Select(e => e.BalanceAfter).FirstOrDefaultAsync());

    private Task<string> NameAsync(int accountId) => Portal.QueryAsync(db => db.Accounts.Where(a => a.Id == accountId).Select(a => a.Name).SingleAsync());

    private Task<int> IdOfAsync(string apiId) => Portal.QueryAsync(db => db.Accounts.Where(a => a.ApiId == apiId).Select(a => a.Id).SingleAsync());
}
