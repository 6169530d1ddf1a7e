using System.Net;
using System.Text;
using SmsPortal.Infrastructure.International;

namespace SmsPortal.Tests.Features.Security;

/// <summary>
/// The resellers' international price lists in the isolation matrix: R1 prices Hong Kong at ¥0.71, R2 at ¥0.72. Each
/// reseller's export holds its own line and never the other's; every other caller with an account gets 404 (its account
/// is not a reseller, so it has no list), and anonymous callers are sent to sign in.
/// </summary>
public sealed partial class TenantIsolationTests
{
    public static string[] InternationalPriceRowKeys => ["GET /console/international-prices.csv"];

    private static readonly SemaphoreSlim ResellerListsMade = new(1, 1);

    private async Task InternationalPriceRowAsync(Caller caller)
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
