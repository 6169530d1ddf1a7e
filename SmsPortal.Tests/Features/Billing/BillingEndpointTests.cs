using System.Net;
using SmsPortal.Domain.Billing;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Billing.Invoices;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Billing;

/// <summary>The billing endpoints through the real HTTP stack, with people signed in through the pages.</summary>
public sealed class BillingEndpointTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task TheLedgerExportsAsCsvWithRunningBalancesFiltersAndNoFormulas()
    {
        var email = $"csv-{Guid.NewGuid():N}@example.com";
        var client = await People.RegisteredCustomerAsync(Portal, email);
        var account = (await People.FindAsync(Portal, email))!.AccountId!.Value;
        var apiId = await Portal.QueryAsync(db => Task.FromResult(db.Accounts.Single(a => a.Id == account).ApiId));
        var package = await BillingWorld.NewPackageAsync(Portal, sms: 1000, price: 55m);
        await BillingWorld.PaidOrderAsync(Portal, account, package);
        Assert.True((await Portal.Service<AdjustmentService>().AdjustAsync(apiId, -30, "=HYPERLINK(\"http://x\")", BillingWorld.Admin, CancellationToken.None)).Ok);

        var all = await client.GetAsync("/console/billing/ledger.csv");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal("text/csv", all.Content.Headers.ContentType!.MediaType);
        var lines = (await all.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // Times in the person's display zone, China time unless they chose another (decision 0028).
        Assert.Equal("id,time (UTC+08:00),kind,amount (credits),balance_after (credits),reference,note", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Matches(",Trial,50,50,,Trial credits$", lines[1]);
        Assert.Matches(",Top-up,1000,1050,SO\\d{14},Starter 1000 [0-9a-f]{6}$", lines[2]);
        Assert.EndsWith(",Adjustment,-30,1020,ADJ,\"'=HYPERLINK(\"\"http://x\"\")\"", lines[3], StringComparison.Ordinal);

        var topUps = (await client.GetStringAsync("/console/billing/ledger.csv?kind=TopUp")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, topUps.Length);
        var none = (await client.GetStringAsync("/console/billing/ledger.csv?from=2001-01-01&to=2001-12-31")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(none);
    }

    [Fact]
    public async Task OnlyTheOwnerAndAdminsDownloadAnInvoice()
    {
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        var owner = await People.RegisteredCustomerAsync(Portal, email);
        var account = (await People.FindAsync(Portal, email))!.AccountId!.Value;
        var package = await BillingWorld.NewPackageAsync(Portal, sms: 100, price: 9.9m);
        var order = await BillingWorld.PaidOrderAsync(Portal, account, package);
        var invoices = Portal.Service<InvoiceService>();
        var invoice = (await invoices.RequestAsync(account, order, BillingWorld.ChineseCompany(), null, CancellationToken.None)).Id!.Value;
        var url = $"/console/billing/invoices/{invoice}.pdf";

        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync(url)).StatusCode);
        Assert.True((await invoices.IssueAsync(invoice, BillingWorld.Admin, CancellationToken.None)).Ok);

        var mine = await owner.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal("application/pdf", mine.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await mine.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await (await fixture.AdminAsync()).GetAsync(url)).StatusCode);

        var stranger = await People.RegisteredCustomerAsync(Portal, $"stranger-{Guid.NewGuid():N}@example.com");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
        var anonymous = await Portal.CreateBrowserLikeClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNotifyEndpointRefusesWhatIsNotASignedForm()
    {
        var client = Portal.CreateBrowserLikeClient();

        var json = await client.PostAsync("/payments/sandbox/notify", new StringContent("{\"status\":\"SUCCESS\"}", System.Text.Encoding.UTF8, "application/json"));
        var empty = await client.PostAsync("/payments/sandbox/notify", new FormUrlEncodedContent(new Dictionary<string, string>()));
        var unknown = await client.PostAsync("/payments/paypal/notify", new FormUrlEncodedContent(new Dictionary<string, string> { ["a"] = "b" }));
        var bank = await client.PostAsync("/payments/bank-transfer/notify", new FormUrlEncodedContent(new Dictionary<string, string> { ["a"] = "b" }));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bank.StatusCode);
    }

    [Fact]
    public async Task TheBillingPagesNeedASignIn()
    {
        var anonymous = Portal.CreateBrowserLikeClient();

        foreach (var url in new[] { "/console/billing", "/admin/billing", "/console/billing/ledger.csv" })
        {
            var response = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect || (await response.Content.ReadAsStringAsync()).Contains("Account/Login", StringComparison.Ordinal), url);
        }

        var customer = await fixture.CustomerAsync();
        var admin = await Forms.TextOfAsync(await customer.GetAsync("/admin/billing"));
        Assert.DoesNotContain("Adjust credits by hand", admin, StringComparison.Ordinal);
    }
}
