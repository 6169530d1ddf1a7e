using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Resellers;

/// <summary>The reseller's catalogue over REST: the selling page's checks (never below the wholesale cost), the same service, its own key.</summary>
public sealed class ResellerCatalogueApiTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task PackagesAndCustomerPricesAreCreatedChangedAndListedNeverBelowTheWholesaleCost()
    {
        var (reseller, _) = await ResellerWorld.NewResellerAsync(Portal, 0, name: "Catalogue R1");
        var api = ResellerWorld.Api(Portal, reseller);
        var customer = await SellingWorld.CustomerAsync(Portal, reseller.Id, "Catalogue Co");
        var before = await Portal.QueryAsync(db => db.Packages.CountAsync());

        // 1,000 SMS at 0.035 each cost the reseller 35.00.
        var cheap = await api.SendAsync(HttpMethod.Post, "/api/v1/catalogue/packages", new { name = "Cheap 1000", sms = 1000, price = 34.99m, validityDays = 365, onSale = true });
        Assert.True(cheap.Status == HttpStatusCode.BadRequest, cheap.ToString());
        Assert.Equal("Error.BelowWholesaleCost", cheap.Error);
        Assert.Contains("wholesale cost", cheap.Title, StringComparison.Ordinal);
        Assert.Equal(before, await Portal.QueryAsync(db => db.Packages.CountAsync()));

        var created = await api.SendAsync(HttpMethod.Post, "/api/v1/catalogue/packages", new { name = "Agent 1000", sms = 1000, price = 50m, validityDays = 365, onSale = true });
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var id = created.Body.GetProperty("id").GetInt32();
        Assert.Equal((50m, 35m), (created.Body.GetProperty("price").GetDecimal(), created.Body.GetProperty("cost").GetDecimal()));

        var changed = await api.SendAsync(HttpMethod.Put, $"/api/v1/catalogue/packages/{id}", new { name = "Agent 2000", sms = 2000, price = 90m, validityDays = 180, onSale = false });
        Assert.True(changed.Status == HttpStatusCode.OK, changed.ToString());
        Assert.Equal((2000L, 70m, false), (changed.Body.GetProperty("sms").GetInt64(), changed.Body.GetProperty("cost").GetDecimal(), changed.Body.GetProperty("onSale").GetBoolean()));
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Put, "/api/v1/catalogue/packages/999999", new { name = "Nobody's", sms = 10, price = 9m, validityDays = 30, onSale = true })).Status);

        var listed = await api.SendAsync(HttpMethod.Get, "/api/v1/catalogue/packages", null);
        Assert.Equal("Agent 2000", Assert.Single(listed.Body.EnumerateArray()).GetProperty("name").GetString());

        var low = await api.SendAsync(HttpMethod.Put, "/api/v1/catalogue/prices", new { customerApiId = customer.ApiId, packageId = id, price = 69.99m });
        Assert.Equal("Error.BelowWholesaleCost", low.Error);
        Assert.Empty((await api.SendAsync(HttpMethod.Get, "/api/v1/catalogue/prices", null)).Body.EnumerateArray());

        var priced = await api.SendAsync(HttpMethod.Put, "/api/v1/catalogue/prices", new { customerApiId = customer.ApiId, packageId = id, price = 80m });
        Assert.True(priced.Status == HttpStatusCode.OK, priced.ToString());
        var price = Assert.Single((await api.SendAsync(HttpMethod.Get, "/api/v1/catalogue/prices", null)).Body.EnumerateArray());
        Assert.Equal((customer.ApiId, id, 90m, 80m, 70m), (price.GetProperty("customerApiId").GetString(), price.GetProperty("packageId").GetInt32(),
            price.GetProperty("listPrice").GetDecimal(), price.GetProperty("price").GetDecimal(), price.GetProperty("cost").GetDecimal()));

        // The package cannot grow under the customer's price: 3,000 SMS would cost 105.00, more than the 80.00 it pays.
        var grown = await api.SendAsync(HttpMethod.Put, $"/api/v1/catalogue/packages/{id}", new { name = "Agent 3000", sms = 3000, price = 120m, validityDays = 180, onSale = true });
        Assert.Equal("Error.CustomerPriceBelowCost", grown.Error);
    }

    [Fact]
    public async Task APackageOfMoneyForInternationalSmsIsYuanWithTwoDecimalsAtMost()
    {
        var (reseller, _) = await ResellerWorld.NewResellerAsync(Portal, 0, name: "Catalogue R2");
        var api = ResellerWorld.Api(Portal, reseller);
        var before = await Portal.QueryAsync(db => db.Packages.CountAsync());

        var fine = await api.SendAsync(HttpMethod.Post, "/api/v1/catalogue/packages", new { name = "Too fine", sms = 0, price = 1m, validityDays = 365, onSale = true, money = 0.001m });
        Assert.True(fine.Status == HttpStatusCode.BadRequest, fine.ToString());
        Assert.Equal("Error.PackageMoney", fine.Error);
        Assert.Contains("two decimals at most", fine.Title, StringComparison.Ordinal);
        Assert.Equal(before, await Portal.QueryAsync(db => db.Packages.CountAsync()));

        // Money costs the reseller nothing up front (it pays the platform per send abroad): any price is its own.
        var money = await api.SendAsync(HttpMethod.Post, "/api/v1/catalogue/packages", new { name = "International ¥12.34", sms = 0, price = 13m, validityDays = 365, onSale = true, money = 12.34m });
        Assert.True(money.Status == HttpStatusCode.Created, money.ToString());
        Assert.Equal((12.34m, 0m, 0L), (money.Body.GetProperty("money").GetDecimal(), money.Body.GetProperty("cost").GetDecimal(), money.Body.GetProperty("sms").GetInt64()));
        var id = money.Body.GetProperty("id").GetInt32();
        Assert.Equal(1234, await Portal.QueryAsync(db => db.Packages.Where(p => p.Id == id).Select(p => p.MoneyFen).SingleAsync()));
    }
}
