using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.International;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Tests.Features.Resellers;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.International;

namespace SmsPortal.Tests.Features.International;

/// <summary>
/// The reseller's international price list page on the portal's real services: the platform's price (its cost) beside
/// its own, a line set or removed, every refusal explained and changing nothing, the admin's import and export reused.
/// </summary>
public sealed class ResellerPricesPageTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly PortalFactory _portal = new();

    public async Task InitializeAsync() => await InternationalWorld.PlatformPricesAsync(_portal);

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private ConsolePageContext Page(int accountId) => new(accountId,
        _portal.Service<InternationalPrices>(), _portal.Service<ResellerPriceList>(), _portal.Service<ResellerCustomers>(), _portal.Service<LedgerQueries>());

    [Fact]
    public async Task AResellerSeesItsCostBesideItsPriceAndEveryRefusalIsExplainedAndChangesNothing()
    {
        var (reseller, _) = await ResellerWorld.NewResellerAsync(_portal, 0);
        await using var context = Page(reseller.Id);
        var page = context.Render<ResellerPricesPage>("[data-testid=reseller-prices]");

        // The platform's lines, whole Hong Kong at the highest price among its networks (its "6" network's ¥0.45).
        Assert.Equal(["0.25", "0.50", "0.45", "0.45"], Cells(page, "wholesale-cell"));
        Assert.All(Cells(page, "own-cell"), c => Assert.Equal("platform's price", c));
        Assert.Contains("refused with 4034", page.Find("[data-testid=reseller-settlement]").TextContent, StringComparison.Ordinal);
        Assert.Equal("¥0.00", page.Find("[data-testid=money-balance]").TextContent);

        async Task<string> RefusedAsync(string country, string prefix, string price)
        {
            await SetAsync(page, country, prefix, price);
            return page.WaitForElement("[data-testid=reseller-price-error]", Wait).TextContent;
        }

        Assert.Equal("Below your wholesale cost of ¥0.30 per segment for these numbers.", await RefusedAsync("852", "9", "0.29"));
        Assert.Equal("Below your wholesale cost of ¥0.45 per segment for these numbers.", await RefusedAsync("+852", "", "0.40"));
        Assert.Equal("The platform sells nothing to +81, so there is no wholesale to resell.", await RefusedAsync("81", "", "1.00"));
        Assert.Equal("'999' is not a country calling code.", await RefusedAsync("999", "", "1.00"));
        Assert.Equal("'abc' is not a price: yuan above 0 and at most 100, two decimals at most.", await RefusedAsync("852", "9", "abc"));
        Assert.Equal("'0.355' is not a price: yuan above 0 and at most 100, two decimals at most.", await RefusedAsync("852", "9", "0.355"));
        Assert.Equal("'9x' is not a network prefix (up to 8 digits).", await RefusedAsync("852", "9x", "0.40"));
        Assert.Empty(await _portal.Service<InternationalPrices>().ListAsync(reseller.Id, CancellationToken.None));

        await SetAsync(page, "852", "9", "0.40");
        page.WaitForAssertion(() => Assert.Equal(["0.25", "0.50", "0.45", "0.45", "0.30"], Cells(page, "wholesale-cell")), Wait);
        Assert.Empty(page.FindAll("[data-testid=reseller-price-error]"));
        Assert.Equal(["platform's price", "platform's price", "platform's price", "platform's price", "0.40"], Cells(page, "own-cell"));
        Assert.Equal("0.10", Cells(page, "margin-cell")[4]);

        // Editing a line fills the form with it; a new price replaces the old.
        page.FindAll("[data-testid=reseller-price-edit]")[4].Click();
        Assert.Equal("0.40", page.Find("input[data-testid=reseller-price-value]").GetAttribute("value"));
        await SetAsync(page, "852", "9", "0.42");
        page.WaitForAssertion(() => Assert.Equal("0.42", Cells(page, "own-cell")[4]), Wait);

        // A bad file: every problem with its line, and the list as it was.
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("country,prefix,network,price_cny,cost_cny\n44,,,0.49,\n852,6,,0.50,0.30\n", "bad.csv"));
        page.WaitForElement("[data-testid=prices-problems]", Wait);
        Assert.Equal(
            ["Line 2: Below your wholesale cost of ¥0.50 per segment for these numbers.", "Line 3: A reseller's list has no cost column of its own (its cost is the platform's price); leave '0.30' out."],
            page.FindAll("[data-testid=prices-problem]").Select(p => p.TextContent));
        Assert.Equal(42, Assert.Single(await _portal.Service<InternationalPrices>().ListAsync(reseller.Id, CancellationToken.None)).PriceFen);

        // A good file replaces the list, and the table shows it; removing a line gives its numbers back to the platform's price.
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("country,prefix,network,price_cny,cost_cny\n44,,,0.60,\n852,6,,0.55,\n", "good.csv"));
        page.WaitForAssertion(() => Assert.Equal(["platform's price", "0.60", "platform's price", "0.55"], Cells(page, "own-cell")), Wait);
        page.FindAll("[data-testid=reseller-price-remove]")[0].Click();
        page.WaitForAssertion(() => Assert.Equal(["platform's price", "platform's price", "platform's price", "0.55"], Cells(page, "own-cell")), Wait);
        Assert.Equal(("852", "6", 55L), Assert.Single(await _portal.Service<InternationalPrices>().ListAsync(reseller.Id, CancellationToken.None)) is var line ? (line.CountryCode, line.Prefix, line.PriceFen) : default);
    }

    [Fact]
    public async Task OnlyAResellerHasTheList()
    {
        var customer = await TestAccounts.CreateAsync(_portal, 0, paid: true);
        await using var context = Page(customer.Id);
        var page = context.Render<ResellerPricesPage>("[data-testid=not-a-reseller]");

        Assert.Empty(page.FindAll("[data-testid=prices-import]"));
        Assert.Empty(page.FindAll("[data-testid=reseller-prices]"));
        Assert.Equal("Problem.NotReseller", (await _portal.Service<ResellerPriceList>().SetAsync(customer.Id, "852", "", "1.00", CancellationToken.None))?.Key);
        Assert.Empty(await _portal.Service<ResellerPriceList>().RowsAsync(customer.Id, CancellationToken.None));
        Assert.Equal(0, await _portal.QueryAsync(db => db.InternationalPrices.CountAsync(p => p.SellerAccountId == customer.Id)));
    }

    private static List<string> Cells(IRenderedComponent<ResellerPricesPage> page, string testId) =>
        page.FindAll($"[data-testid={testId}]").Select(c => c.TextContent.Trim()).ToList();

    private static async Task SetAsync(IRenderedComponent<ResellerPricesPage> page, string country, string prefix, string price)
    {
        page.Find("input[data-testid=reseller-price-country]").Change(country);
        page.Find("input[data-testid=reseller-price-prefix]").Change(prefix);
        page.Find("input[data-testid=reseller-price-value]").Change(price);
        await page.Find("button[data-testid=reseller-price-save]").ClickAsync(new());
    }
}
