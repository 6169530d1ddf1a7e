using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using SmsPortal.Infrastructure.International;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.International;

namespace SmsPortal.Tests.Features.International;

/// <summary>The admin's price list page on the portal's real services: an import shows its lines, a bad file every problem with its line and changes nothing.</summary>
public sealed class AdminPricesPageTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task AnImportShowsTheLinesAndABadFileListsEachProblemWithItsLineAndChangesNothing()
    {
        await using var context = new ConsolePageContext(1, _portal.Service<InternationalPrices>());
        var page = context.Render<AdminPricesPage>("[data-testid=prices-none]");

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(InternationalWorld.PlatformCsv, "prices.csv"));
        page.WaitForElement("[data-testid=prices-imported]");
        Assert.Equal(["0.25", "0.50", "0.30", "0.45"], page.FindAll("[data-testid=price-cell]").Select(c => c.TextContent));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("country,prefix,network,price_cny,cost_cny\n999,,,0.10,\n852,,,abc,\n", "bad.csv"));
        page.WaitForElement("[data-testid=prices-problems]");
        Assert.Equal(
            ["Line 2: '999' is not a country calling code.", "Line 3: 'abc' is not a price: yuan above 0 and at most 100, two decimals at most."],
            page.FindAll("[data-testid=prices-problem]").Select(p => p.TextContent));
        Assert.Equal(4, page.FindAll("[data-testid=price-cell]").Count);
        Assert.Equal(4, (await _portal.Service<InternationalPrices>().ListAsync(null, CancellationToken.None)).Count);
    }
}
