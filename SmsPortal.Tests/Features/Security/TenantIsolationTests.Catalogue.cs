using System.Net;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;

namespace SmsPortal.Tests.Features.Security;

/// <summary>
/// The resellers' catalogue over REST in the isolation matrix: R1 and R2 each own a package and a price for their
/// customer (C1, C2). Callers that are not resellers are refused before anything is looked up (403; no credentials
/// 401). A reseller lists only its own packages and prices, and is refused (404) on the other reseller's package and on
/// every API ID that is not its customer's (A's, the other reseller's customer's, the other reseller's); its own package
/// and customer are the positive control. No refused call changes a package or a price.
/// </summary>
public sealed partial class TenantIsolationTests
{
    public static string[] CatalogueRowKeys =>
    [
        "GET /api/v1/catalogue/packages",
        "POST /api/v1/catalogue/packages",
        "PUT /api/v1/catalogue/packages/{id:int}",
        "GET /api/v1/catalogue/prices",
        "PUT /api/v1/catalogue/prices",
    ];

    private async Task CatalogueRowAsync(Caller caller, string endpoint)
    {
        var member = world.MemberOf(caller);
        var reseller = caller is Caller.ResellerR1 or Caller.ResellerR2;
        var (own, foreign) = caller == Caller.ResellerR2 ? (world.R2Catalogue, world.R1Catalogue) : (world.R1Catalogue, world.R2Catalogue);
        var refusal = member is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
        List<(HttpMethod Method, string Url, object? Body, HttpStatusCode Expected)> calls = endpoint switch
        {
            "GET /api/v1/catalogue/packages" or "GET /api/v1/catalogue/prices" => [(HttpMethod.Get, endpoint[4..], null, reseller ? HttpStatusCode.OK : refusal)],
            "POST /api/v1/catalogue/packages" => [(HttpMethod.Post, "/api/v1/catalogue/packages", Package("Poacher pack"), reseller ? HttpStatusCode.Created : refusal)],
            "PUT /api/v1/catalogue/packages/{id:int}" =>
            [
                (HttpMethod.Put, $"/api/v1/catalogue/packages/{foreign.PackageId}", Package("Hijacked pack"), reseller ? HttpStatusCode.NotFound : refusal),
                (HttpMethod.Put, $"/api/v1/catalogue/packages/{own.PackageId}", Package(own.PackageName), reseller ? HttpStatusCode.OK : refusal),
            ],
            _ => new List<(HttpMethod, string, object?, HttpStatusCode)>
            {
                (HttpMethod.Put, "/api/v1/catalogue/prices", new { customerApiId = own.CustomerApiId, packageId = foreign.PackageId, price = 90m }, reseller ? HttpStatusCode.NotFound : refusal),
                (HttpMethod.Put, "/api/v1/catalogue/prices", new { customerApiId = own.CustomerApiId, packageId = own.PackageId, price = own.Price }, reseller ? HttpStatusCode.OK : refusal),
            }.Concat(new[] { A.ApiId, foreign.CustomerApiId, (caller == Caller.ResellerR2 ? world.R1 : world.R2).ApiId }
                .Select(apiId => (HttpMethod.Put, "/api/v1/catalogue/prices", (object?)new { customerApiId = apiId, packageId = own.PackageId, price = 90m }, reseller ? HttpStatusCode.NotFound : refusal))).ToList(),
        };

        foreach (var (method, url, body, expected) in calls)
        {
            var before = await CatalogueStateAsync();
            using var response = await RestAsync(caller, method, url, body);
            var seen = await SeenAsync(response);
            Assert.True(response.StatusCode == expected, $"{caller} {method} {url}: {response.StatusCode} {seen}");
            foreach (var owner in world.ForeignTo(caller))
            {
                AssertNothingOf(owner, caller, url, response, seen);
            }

            Assert.DoesNotContain(foreign.PackageName, seen, StringComparison.Ordinal);
            if (expected == HttpStatusCode.OK && method == HttpMethod.Get)
            {
                Assert.Contains(url.EndsWith("prices", StringComparison.Ordinal) ? own.CustomerApiId : own.PackageName, seen, StringComparison.Ordinal);
            }

            var after = await CatalogueStateAsync();
            if (expected == HttpStatusCode.Created)
            {
                using var json = JsonDocument.Parse(seen[..seen.IndexOf('\n', StringComparison.Ordinal)]);
                var id = json.RootElement.GetProperty("id").GetInt32();
                Assert.Equal(member!.AccountId, await world.Portal.QueryAsync(db => db.Packages.Where(p => p.Id == id).Select(p => p.SellerAccountId).SingleAsync()));
                Assert.Equal(before.Packages + 1, after.Packages);
                Assert.Equal(before.Prices, after.Prices);
            }
            else
            {
                Assert.Equal(before, after);
            }
        }
    }

    private static object Package(string name) => new { name, sms = 1000, price = 50m, validityDays = 365, onSale = true };

    /// <summary>Every package and customer price of the portal as stored, and how many packages there are.</summary>
    private Task<(int Packages, string Prices, string Rows)> CatalogueStateAsync() => world.Portal.QueryAsync(async db => (
        await db.Packages.CountAsync(),
        JsonSerializer.Serialize(await db.PackagePrices.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.AccountId, p.PackageId, p.Price }).ToListAsync()),
        JsonSerializer.Serialize(await db.Packages.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.Name, p.Sms, p.Price, p.IsActive, p.SellerAccountId }).ToListAsync())));
}
