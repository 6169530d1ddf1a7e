using System.Net;
using SmsPortal.Infrastructure.International;
using SmsPortal.Tests.Features.Resellers;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.International;

/// <summary>The reseller's international price list over REST, with its own key: the console page's service and checks.</summary>
public sealed class ResellerInternationalApiTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public async Task InitializeAsync() => await InternationalWorld.PlatformPricesAsync(_portal);

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task LinesAreListedWithTheirCostSetNeverBelowItAndRemoved()
    {
        var (reseller, _) = await ResellerWorld.NewResellerAsync(_portal, 0);
        var api = ResellerWorld.Api(_portal, reseller);
        const string url = "/api/v1/catalogue/international-prices";

        var listed = await api.SendAsync(HttpMethod.Get, url, null);
        Assert.True(listed.Status == HttpStatusCode.OK, listed.ToString());
        Assert.Equal(["1:0.25:", "44:0.50:", "852:0.45:", "852/6:0.45:"], listed.Body.EnumerateArray().Select(Line));

        var below = await api.SendAsync(HttpMethod.Put, url, new { country = "852", prefix = "9", price = 0.29m });
        Assert.True(below.Status == HttpStatusCode.BadRequest, below.ToString());
        Assert.Equal(("Problem.BelowCost", "Below your wholesale cost of ¥0.30 per segment for these numbers."), (below.Error, below.Title));
        Assert.Equal("Problem.NoWholesale", (await api.SendAsync(HttpMethod.Put, url, new { country = "81", price = 1m })).Error);
        Assert.Equal("Problem.Price", (await api.SendAsync(HttpMethod.Put, url, new { country = "852", prefix = "9", price = 0.355m })).Error);
        Assert.Equal("Problem.Mainland", (await api.SendAsync(HttpMethod.Put, url, new { country = "86", price = 1m })).Error);
        Assert.Empty(await _portal.Service<InternationalPrices>().ListAsync(reseller.Id, CancellationToken.None));

        var set = await api.SendAsync(HttpMethod.Put, url, new { country = "+852", prefix = "9", price = 0.40m });
        Assert.True(set.Status == HttpStatusCode.OK, set.ToString());
        Assert.Equal("852/9:0.30:0.40", Line(set.Body));

        var removed = await api.SendAsync(HttpMethod.Delete, url + "?country=852&prefix=9", null);
        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        var again = await api.SendAsync(HttpMethod.Delete, url + "?country=852&prefix=9", null);
        Assert.Equal((HttpStatusCode.NotFound, "Error.NoOwnPrice"), (again.Status, again.Error));
        Assert.Empty(await _portal.Service<InternationalPrices>().ListAsync(reseller.Id, CancellationToken.None));

        // Not a reseller: refused before anything is read.
        var customer = await TestAccounts.CreateAsync(_portal, 0, paid: true);
        var refused = await new ResellerApi(_portal.CreateClient(), customer.ApiId, customer.ApiKey).SendAsync(HttpMethod.Get, url, null);
        Assert.Equal((HttpStatusCode.Forbidden, "Error.NotAReseller"), (refused.Status, refused.Error));
    }

    private static string Line(System.Text.Json.JsonElement row) =>
        row.GetProperty("country").GetString() + (row.GetProperty("prefix").GetString() is { Length: > 0 } prefix ? "/" + prefix : "")
        + ":" + row.GetProperty("cost").GetDecimal().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)
        + ":" + (row.GetProperty("price").ValueKind == System.Text.Json.JsonValueKind.Null ? "" : row.GetProperty("price").GetDecimal().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
}
