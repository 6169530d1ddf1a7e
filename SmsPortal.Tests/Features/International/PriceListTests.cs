using System.Text;
using SmsPortal.Domain.International;
using SmsPortal.Infrastructure.International;
using SmsPortal.Tests.Features.Resellers;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.International;

/// <summary>
/// The price lists as files: exported and imported whole; a file with problems lists every one with its line and changes
/// nothing; a reseller's prices are never below its wholesale cost (the platform's price) and are what its customers pay.
/// </summary>
public sealed class PriceListTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public async Task InitializeAsync()
    {
        InternationalWorld.AllowAbroad(_portal);
        await InternationalWorld.PlatformPricesAsync(_portal);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task TheExportIsWhatWasImportedAndImportsBackUnchanged()
    {
        var exported = await ExportAsync(null);

        Assert.Equal(
            "country,prefix,network,price_cny,cost_cny\r\n1,,,0.25,0.10\r\n44,,,0.50,\r\n852,,,0.30,0.20\r\n852,6,\"Hong Kong, network 6\",0.45,0.30\r\n",
            exported);
        Assert.Empty(await InternationalWorld.ImportAsync(_portal, null, exported));
        Assert.Equal(exported, await ExportAsync(null));
    }

    [Fact]
    public async Task AFileWithProblemsListsEachWithItsLineAndChangesNothing()
    {
        var before = await ExportAsync(null);
        var problems = await InternationalWorld.ImportAsync(_portal, null,
            "country,prefix,network,price_cny,cost_cny\n"
            + "852,,,0.31,0.20\n"
            + "999,,,0.10,\n"
            + "86,,,0.05,\n"
            + "44,7a,,0.50,\n"
            + "1,,,0.355,\n"
            + "65,,,0.40,-1\n"
            + "852,,,0.32,\n"
            + "61,,\n"
            + "81,,,0,\n");

        Assert.Equal(
            [
                (3, "Problem.Country", "999"), (4, "Problem.Mainland", "86"), (5, "Problem.Prefix", "7a"), (6, "Problem.Price", "0.355"),
                (7, "Problem.Cost", "-1"), (8, "Problem.Duplicate", "2"), (9, "Problem.Columns", "3"), (10, "Problem.Price", "0"),
            ],
            problems.Select(p => (p.Line, p.Key, p.Value)));
        Assert.Equal(before, await ExportAsync(null));
        Assert.Equal((1, "Problem.Header"), (await InternationalWorld.ImportAsync(_portal, null, "land,price\n852,0.3\n")).Select(p => (p.Line, p.Key)).First());
        Assert.Equal(before, await ExportAsync(null));
    }

    [Fact]
    public async Task AResellersPricesAreNeverBelowItsWholesaleCostAndItsCustomersPayThem()
    {
        var (reseller, _) = await ResellerWorld.NewResellerAsync(_portal, 1000);
        var header = "country,prefix,network,price_cny,cost_cny\n";

        // The country's line covers the "6" network too, whose platform price (¥0.45) is the floor; Japan has no wholesale.
        var refused = await InternationalWorld.ImportAsync(_portal, reseller.Id, header + "852,,,0.40,\n81,,,1.00,\n44,,,0.60,0.10\n");

        Assert.Equal([(2, "Problem.BelowCost", "0.45"), (3, "Problem.NoWholesale", "81"), (4, "Problem.ResellerCost", "0.10")], refused.Select(p => (p.Line, p.Key, p.Value)));
        Assert.Empty(await _portal.Service<InternationalPrices>().ListAsync(reseller.Id, CancellationToken.None));
        Assert.Empty(await InternationalWorld.ImportAsync(_portal, reseller.Id, header + "852,,,0.50,\n"));

        var customer = await TestAccounts.CreateAsync(_portal, credits: 10, verified: true, paid: true);
        await TestAccounts.SetAsync(_portal, customer.Id, a => a.ParentAccountId = reseller.Id);
        var direct = await TestAccounts.CreateAsync(_portal, credits: 10, verified: true, paid: true);
        await InternationalWorld.GiveMoneyAsync(_portal, customer.Id, 1000);
        await InternationalWorld.GiveMoneyAsync(_portal, direct.Id, 1000);
        // The reseller pays the platform's price for each of its customer's sends abroad from its own money.
        await InternationalWorld.GiveMoneyAsync(_portal, reseller.Id, 1000);
        var api = new VendorClient(_portal.CreateClient());

        foreach (var mobile in new[] { "852 91234567", "852 61234567", "44 7911123456" })
        {
            Assert.Equal(2, (await api.SubmitAsync(customer.ApiId, customer.ApiKey, mobile, "1234", "1")).Code);
            Assert.Equal(2, (await api.SubmitAsync(direct.ApiId, direct.ApiKey, mobile, "1234", "1")).Code);
        }

        // The customer: the reseller's ¥0.50 for both Hong Kong numbers, the platform's ¥0.50 for the UK it did not price.
        Assert.Equal(1000 - (50 + 50 + 50), await InternationalWorld.MoneyAsync(_portal, customer.Id));
        Assert.Equal(1000 - (30 + 45 + 50), await InternationalWorld.MoneyAsync(_portal, direct.Id));
        Assert.Equal(1000 - (30 + 45 + 50), await InternationalWorld.MoneyAsync(_portal, reseller.Id));
    }

    private async Task<string> ExportAsync(int? sellerId)
    {
        await using var text = new StringWriter();
        await _portal.Service<InternationalPrices>().WriteCsvAsync(sellerId, text, CancellationToken.None);
        return text.ToString();
    }
}
