using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Infrastructure.International;

namespace SmsPortal.Tests.Features.Security;

/// <summary>
/// The resellers' international price lists in the isolation matrix: R1 prices Hong Kong at ¥0.71, R2 at ¥0.72. Each
/// reseller's export and REST list hold its own line and never the other's; a reseller's change or removal touches only
/// its own list. Every other caller with an account gets 404 on the export and 403 on REST (its account is not a
/// reseller, so it has no list); anonymous callers are sent to sign in, or 401. No refused call changes any list.
/// </summary>
public sealed partial class TenantIsolationTests
{
    public static string[] InternationalPriceRowKeys =>
    [
        "GET /console/international-prices.csv",
        "GET /api/v1/catalogue/international-prices",
        "PUT /api/v1/catalogue/international-prices",
        "DELETE /api/v1/catalogue/international-prices",
    ];

    private static readonly SemaphoreSlim ResellerListsMade = new(1, 1);

    private Task InternationalPriceRowAsync(Caller caller, string endpoint) => endpoint == "GET /console/international-prices.csv"
        ? InternationalPriceExportAsync(caller)
        : InternationalPriceRestAsync(caller, endpoint);

    private async Task InternationalPriceExportAsync(Caller caller)
    {
        await ResellerListsAsync();
        const string url = "/console/international-prices.csv";
        using var response = await world.ClientOf(caller).GetAsync(url);
        var seen = await SeenAsync(response);
        foreach (var owner in world.ForeignTo(caller))
        {
            AssertNothingOf(owner, caller, url, response, seen);
        }

        switch (caller)
        {
            case Caller.ResellerR1 or Caller.ResellerR2:
                var (own, other) = caller == Caller.ResellerR1 ? ("0.71", "0.72") : ("0.72", "0.71");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{caller} GET {url}: {response.StatusCode}");
                Assert.StartsWith("country,prefix,network,price_cny,cost_cny", seen, StringComparison.Ordinal);
                Assert.Contains("852,,,", seen, StringComparison.Ordinal);
                Assert.Contains(own, seen, StringComparison.Ordinal);
                Assert.DoesNotContain(other, seen, StringComparison.Ordinal);
                break;
            case Caller.Anonymous:
                AssertSentToSignIn(url, response);
                break;
            default:
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{caller} GET {url}: {response.StatusCode}");
                Assert.DoesNotContain("0.71", seen, StringComparison.Ordinal);
                Assert.DoesNotContain("0.72", seen, StringComparison.Ordinal);
                break;
        }
    }

    private async Task InternationalPriceRestAsync(Caller caller, string endpoint)
    {
        await ResellerListsAsync();
        var member = world.MemberOf(caller);
        var reseller = caller is Caller.ResellerR1 or Caller.ResellerR2;
        var refusal = member is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
        var (own, other) = caller == Caller.ResellerR2 ? ("0.72", "0.71") : ("0.71", "0.72");
        const string url = "/api/v1/catalogue/international-prices";
        var before = await InternationalPricesStateAsync();
        using var response = endpoint switch
        {
            "GET /api/v1/catalogue/international-prices" => await RestAsync(caller, HttpMethod.Get, url),
            "PUT /api/v1/catalogue/international-prices" => await RestAsync(caller, HttpMethod.Put, url, new { country = "852", prefix = "", price = decimal.Parse(own, System.Globalization.CultureInfo.InvariantCulture) }),
            // A line neither reseller has: nothing to remove, whoever asks.
            _ => await RestAsync(caller, HttpMethod.Delete, url + "?country=852&prefix=9"),
        };
        var seen = await SeenAsync(response);
        foreach (var owner in world.ForeignTo(caller))
        {
            AssertNothingOf(owner, caller, url, response, seen);
        }

        var expected = !reseller ? refusal : endpoint.StartsWith("DELETE", StringComparison.Ordinal) ? HttpStatusCode.NotFound : HttpStatusCode.OK;
        Assert.True(response.StatusCode == expected, $"{caller} {endpoint}: {response.StatusCode} {seen}");
        Assert.DoesNotContain(reseller ? other : "0.71", seen, StringComparison.Ordinal);
        Assert.DoesNotContain(reseller ? other : "0.72", seen, StringComparison.Ordinal);
        if (reseller && !endpoint.StartsWith("DELETE", StringComparison.Ordinal))
        {
            Assert.Contains(own, seen, StringComparison.Ordinal);
        }

        Assert.Equal(before, await InternationalPricesStateAsync());
    }

    /// <summary>Every line of every international price list as stored (not when it was last saved).</summary>
    private Task<string> InternationalPricesStateAsync() => world.Portal.QueryAsync(async db =>
        JsonSerializer.Serialize(await db.InternationalPrices.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.SellerAccountId, p.CountryCode, p.Prefix, p.PriceFen, p.CostFen }).ToListAsync()));

    /// <summary>The platform's Hong Kong price and each reseller's own, made once for the matrix.</summary>
    private async Task ResellerListsAsync()
    {
        await ResellerListsMade.WaitAsync();
        try
        {
            var prices = world.Portal.Service<InternationalPrices>();
            if ((await prices.ListAsync(world.R1.AccountId, CancellationToken.None)).Count > 0)
            {
                return;
            }

            foreach (var (seller, csv) in new (int?, string)[] { (null, "852,,,0.30,0.20"), (world.R1.AccountId, "852,,,0.71,"), (world.R2.AccountId, "852,,,0.72,") })
            {
                await using var file = new MemoryStream(Encoding.UTF8.GetBytes("country,prefix,network,price_cny,cost_cny\n" + csv + "\n"));
                Assert.Empty(await prices.ImportAsync(seller, file, CancellationToken.None));
            }
        }
        finally
        {
            ResellerListsMade.Release();
        }
    }
}
