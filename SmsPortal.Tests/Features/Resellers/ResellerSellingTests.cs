using System.Diagnostics;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Billing.Invoices;
using SmsPortal.Infrastructure.Billing.Payments;
using SmsPortal.Infrastructure.Platform;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Tests.Features.Billing;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Resellers;

/// <summary>A reseller sells its own packages to its customers: prices never below its cost, credits out of its balance, its own invoices.</summary>
public sealed class ResellerSellingTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly SellerTaxDetails MinJiang = new("福州闽江短信有限公司", "91350100MA2ABCDE9Y", "福州市鼓楼区五一路1号 0591-88880000", "招商银行福州分行 591912345678");

    private PortalFactory Portal => fixture.Portal;

    private ResellerCatalogue Catalogue => Portal.Service<ResellerCatalogue>();

    private OrderService Orders => Portal.Service<OrderService>();

    private InvoiceService Invoices => Portal.Service<InvoiceService>();

    [Fact]
    public async Task APriceBelowTheResellersWholesaleCostIsRefusedAndChangesNothing()
    {
        var (reseller, _) = await ResellerWorld.NewResellerAsync(Portal, 0);
        var (other, _) = await ResellerWorld.NewResellerAsync(Portal, 0, name: "Agent Two");
        var customer = await SellingWorld.CustomerAsync(Portal, reseller.Id);
        var stranger = await SellingWorld.CustomerAsync(Portal, other.Id, "Stranger Co");
        var before = await ResellerWorld.CountsAsync(Portal);

        // 1,000 SMS at 0.035 each cost the reseller 35.00.
        var refused = await Catalogue.SavePackageAsync(reseller.Id, null, new PackageInput("Cheap 1000", 1000, 34.99m, 365, true), BillingWorld.Admin, None);
        Assert.Equal("Error.BelowWholesaleCost", refused.Error);
        Assert.Empty(await Catalogue.PackagesAsync(reseller.Id, None));
        Assert.Equal(before, await ResellerWorld.CountsAsync(Portal));

        var package = await SellingWorld.ResellerPackageAsync(Portal, reseller.Id, 1000, 35m);
        Assert.Equal(35m, Assert.Single(await Catalogue.PackagesAsync(reseller.Id, None)).Cost);

        Assert.Equal("Error.BelowWholesaleCost", (await Catalogue.SetPriceAsync(reseller.Id, customer.ApiId, package, 34.99m, BillingWorld.Admin, None)).Error);
        Assert.Equal("Error.NotYourCustomer", (await Catalogue.SetPriceAsync(reseller.Id, stranger.ApiId, package, 40m, BillingWorld.Admin, None)).Error);
        Assert.Equal("Error.UnknownPackage", (await Catalogue.SetPriceAsync(other.Id, stranger.ApiId, package, 40m, BillingWorld.Admin, None)).Error);
        Assert.Equal("Error.UnknownPackage", (await Catalogue.SavePackageAsync(other.Id, package, new PackageInput("Taken over", 1000, 90m, 365, true), BillingWorld.Admin, None)).Error);
        Assert.Empty(await Catalogue.PricesAsync(reseller.Id, None));

        Assert.True((await Catalogue.SetPriceAsync(reseller.Id, customer.ApiId, package, 38m, BillingWorld.Admin, None)).Ok);
        // Twice the SMS would cost 70.00, more than the 38.00 this customer pays: the package cannot grow under its price.
        Assert.Equal("Error.CustomerPriceBelowCost", (await Catalogue.SavePackageAsync(reseller.Id, package, new PackageInput("Bigger", 2000, 80m, 365, true), BillingWorld.Admin, None)).Error);
        var offer = Assert.Single(await Portal.Service<PackageService>().OffersAsync(customer.Id, None));
        Assert.Equal((package, 35m, 38m), (offer.PackageId, offer.ListPrice, offer.Price));
        Assert.Empty(await Portal.Service<PackageService>().OffersAsync(stranger.Id, None));
    }

    [Fact]
    public async Task ACustomerBuysItsResellersPackageAndTheCreditsComeOutOfTheResellersBalance()
    {
        var (reseller, _) = await ResellerWorld.NewResellerAsync(Portal, 5000);
        var customer = await SellingWorld.CustomerAsync(Portal, reseller.Id);
        var package = await SellingWorld.ResellerPackageAsync(Portal, reseller.Id, 1000, 50m);
        var platformPackage = await BillingWorld.NewPackageAsync(Portal, sms: 1000, price: 55m);
        var client = Portal.CreateBrowserLikeClient();

        Assert.Equal([package], (await Portal.Service<PackageService>().OffersAsync(customer.Id, None)).Select(o => o.PackageId));
        Assert.DoesNotContain(await Portal.Service<PackageService>().OffersAsync(reseller.Id, None), o => o.PackageId == package);
        Assert.Equal("Error.UnknownPackage", (await Orders.PlaceAsync(customer.Id, platformPackage, null, None)).Error);
        Assert.Equal("Error.UnknownPackage", (await Orders.PlaceAsync(reseller.Id, package, null, None)).Error);
        var revenue = (await Portal.Service<PlatformActivityQuery>().ReadAsync(None)).RevenueThisMonth;

        var sale = await SellingWorld.BuyAsync(Portal, client, customer.Id, package);

        Assert.Equal(4000, await BillingWorld.BalanceAsync(Portal, reseller.Id));
        Assert.Equal(1000, await BillingWorld.BalanceAsync(Portal, customer.Id));
        var row = (await Orders.GetAsync(sale, customer.Id, None))!;
        Assert.Equal((OrderStatus.Paid, false, (int?)reseller.Id, 50m), (row.Status, row.AwaitingCredits, row.SellerAccountId, row.Amount));
        var entries = await Portal.QueryAsync(db => db.LedgerEntries.Where(e => e.Reference == row.Number).OrderBy(e => e.Id).Select(e => new { e.AccountId, e.Kind, e.Amount }).ToListAsync());
        Assert.Equal([(reseller.Id, LedgerEntryKind.Transfer, -1000L), (customer.Id, LedgerEntryKind.Transfer, 1000L)], entries.Select(e => (e.AccountId, e.Kind, e.Amount)));
        // The sale is the reseller's money: the platform's revenue does not count it.
        Assert.Equal(revenue, (await Portal.Service<PlatformActivityQuery>().ReadAsync(None)).RevenueThisMonth);

        // The reseller's own purchase from the platform is at its wholesale price (1,000 × 0.035) and is the platform's revenue.
        var wholesale = await SellingWorld.BuyAsync(Portal, client, reseller.Id, platformPackage);
        var bought = (await Orders.GetAsync(wholesale, reseller.Id, None))!;
        Assert.Equal((35m, (int?)null), (bought.Amount, bought.SellerAccountId));
        Assert.Equal(revenue + 35m, (await Portal.Service<PlatformActivityQuery>().ReadAsync(None)).RevenueThisMonth);
        Assert.Equal(5000, await BillingWorld.BalanceAsync(Portal, reseller.Id));

        // Nobody confirms a bank transfer for a reseller's sale: that money is not the platform's to receive.
        var unpaid = await BillingWorld.NewOrderAsync(Portal, customer.Id, package);
        Assert.Equal("Error.UnknownGateway", (await Portal.Service<PaymentService>().StartAsync(unpaid.Id, customer.Id, BankTransferGateway.GatewayName, None)).Result.Error);
        Assert.Equal("Error.NotPlatformSale", (await Portal.Service<PaymentService>().ConfirmTransferAsync(unpaid.Id, "BANK-REF-1234", BillingWorld.Admin, None)).Error);
        Assert.DoesNotContain(await Portal.Service<PaymentService>().GatewaysForAsync(customer.Id, None), g => g.IsConfirmedByAdmin);
    }

    [Fact]
    public async Task WhenTheResellerIsShortTheOrderWaitsPaidAndItsNextTopUpDeliversIt()
    {
        var (reseller, _) = await ResellerWorld.NewResellerAsync(Portal, 500);
        var first = await SellingWorld.CustomerAsync(Portal, reseller.Id, "First Co");
        var second = await SellingWorld.CustomerAsync(Portal, reseller.Id, "Second Co");
        var big = await SellingWorld.ResellerPackageAsync(Portal, reseller.Id, 1000, 50m);
        var small = await SellingWorld.ResellerPackageAsync(Portal, reseller.Id, 300, 20m);
        var client = Portal.CreateBrowserLikeClient();

        var waitsForBig = await SellingWorld.BuyAsync(Portal, client, first.Id, big);
        var fits = await SellingWorld.BuyAsync(Portal, client, second.Id, small);
        var waitsForSmall = await SellingWorld.BuyAsync(Portal, client, second.Id, small);

        var shown = (await Orders.GetAsync(waitsForBig, first.Id, None))!;
        Assert.Equal((OrderStatus.Paid, true), (shown.Status, shown.AwaitingCredits));
        Assert.False(await SellingWorld.AwaitingAsync(Portal, fits));
        Assert.True(await SellingWorld.AwaitingAsync(Portal, waitsForSmall));
        Assert.Equal((200L, 0L, 300L), (await BillingWorld.BalanceAsync(Portal, reseller.Id), await BillingWorld.BalanceAsync(Portal, first.Id), await BillingWorld.BalanceAsync(Portal, second.Id)));
        Assert.Equal([waitsForBig, waitsForSmall], (await Catalogue.WaitingSalesAsync(reseller.Id, None)).Select(o => o.Id));

        // The waiting order's notification again: already paid, nothing more.
        var number = shown.Number;
        var replay = await Portal.Service<SandboxGateway>().NotificationAsync(number, "50.00", paid: true, None);
        (await BillingWorld.PostNotificationAsync(client, replay)).EnsureSuccessStatusCode();
        Assert.Equal(0, await BillingWorld.BalanceAsync(Portal, first.Id));

        // 200 + 1,000: the oldest (1,000) goes; 200 left is short of the next 300, which keeps waiting.
        await SellingWorld.TopUpAsync(Portal, client, reseller.Id, 1000);
        Assert.False(await SellingWorld.AwaitingAsync(Portal, waitsForBig));
        Assert.True(await SellingWorld.AwaitingAsync(Portal, waitsForSmall));
        Assert.Equal((200L, 1000L, 300L), (await BillingWorld.BalanceAsync(Portal, reseller.Id), await BillingWorld.BalanceAsync(Portal, first.Id), await BillingWorld.BalanceAsync(Portal, second.Id)));

        await SellingWorld.TopUpAsync(Portal, client, reseller.Id, 100);
        Assert.False(await SellingWorld.AwaitingAsync(Portal, waitsForSmall));
        Assert.Empty(await Catalogue.WaitingSalesAsync(reseller.Id, None));
        Assert.Equal((0L, 1000L, 600L), (await BillingWorld.BalanceAsync(Portal, reseller.Id), await BillingWorld.BalanceAsync(Portal, first.Id), await BillingWorld.BalanceAsync(Portal, second.Id)));

        // Nothing made, nothing lost: each chain holds, the transfers cancel out, and the three hold what came in.
        var total = 0L;
        foreach (var account in new[] { reseller.Id, first.Id, second.Id })
        {
            total += (await LedgerChain.AssertChainsAsync(Portal, account)).Balance;
        }

        Assert.Equal(500 + 1000 + 100, total);
        var ids = new[] { reseller.Id, first.Id, second.Id };
        Assert.Equal(0, await Portal.QueryAsync(db => db.LedgerEntries.Where(e => ids.Contains(e.AccountId) && e.Kind == LedgerEntryKind.Transfer).SumAsync(e => e.Amount)));
        Assert.Equal(1, await Portal.QueryAsync(db => db.LedgerEntries.CountAsync(e => e.AccountId == first.Id && e.Reference == number)));
    }

    [Fact]
    public async Task TheResellersCustomerIsInvoicedByTheResellerAndTheResellerByThePlatform()
    {
        var (reseller, _) = await ResellerWorld.NewResellerAsync(Portal, 5000, name: "闽江短信");
        var (other, _) = await ResellerWorld.NewResellerAsync(Portal, 0, name: "Agent Two");
        var customer = await SellingWorld.CustomerAsync(Portal, reseller.Id);
        var package = await SellingWorld.ResellerPackageAsync(Portal, reseller.Id, 1000, 60m, "闽江套餐");
        var client = Portal.CreateBrowserLikeClient();
        var sale = await SellingWorld.BuyAsync(Portal, client, customer.Id, package);
        var requested = await Invoices.RequestAsync(customer.Id, sale, BillingWorld.ChineseCompany(), null, None);
        Assert.True(requested.Ok, requested.Error);
        var invoice = requested.Id!.Value;

        Assert.Equal("Error.UnknownInvoice", (await Invoices.IssueAsync(invoice, BillingWorld.Admin, None)).Error);
        Assert.Equal("Error.TaxDetailsMissing", (await Invoices.IssueAsSellerAsync(invoice, reseller.Id, BillingWorld.Admin, None)).Error);
        Assert.Equal("Error.TaxNumber", (await Catalogue.SaveTaxDetailsAsync(reseller.Id, MinJiang with { TaxNumber = "12" }, BillingWorld.Admin, None)).Error);
        Assert.True((await Catalogue.SaveTaxDetailsAsync(reseller.Id, MinJiang, BillingWorld.Admin, None)).Ok);
        Assert.True((await Catalogue.SaveTaxDetailsAsync(other.Id, MinJiang with { Name = "Agent Two Ltd" }, BillingWorld.Admin, None)).Ok);
        Assert.Equal("Error.UnknownInvoice", (await Invoices.IssueAsSellerAsync(invoice, other.Id, BillingWorld.Admin, None)).Error);
        Assert.Contains((await Invoices.SearchAsync(null, null, 0, 50, None, bySeller: true, sellerAccountId: reseller.Id)).Rows, r => r.Id == invoice);
        Assert.DoesNotContain((await Invoices.SearchAsync(null, null, 0, 200, None, bySeller: true)).Rows, r => r.Id == invoice);

        // The platform has issued invoices of its own in this portal; the reseller's sequence starts at 1 all the same.
        var issued = await Invoices.IssueAsSellerAsync(invoice, reseller.Id, BillingWorld.Admin, None);
        Assert.True(issued.Ok, issued.Error);
        Assert.Equal(1L, issued.Id!.Value);
        var (number, pdf) = (await Invoices.PdfAsync(invoice, None))!.Value;
        Assert.Equal("00000001", number);
        var text = await PdfTextAsync(pdf, "invoice-by-reseller.pdf");
        Assert.Contains("福州闽江短信有限公司", text, StringComparison.Ordinal);
        Assert.Contains("91350100MA2ABCDE9Y", text, StringComparison.Ordinal);
        Assert.Contains("深圳市示例科技有限公司", text, StringComparison.Ordinal);
        Assert.Contains("闽江套餐", text, StringComparison.Ordinal);
        Assert.Contains("00000001", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SmsPortal", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Portal.Service<IOptions<BillingOptions>>().Value.SellerName, text, StringComparison.OrdinalIgnoreCase);

        // What the reseller buys from the platform the platform invoices, with the platform as seller.
        var wholesale = await SellingWorld.TopUpAsync(Portal, client, reseller.Id, 1000);
        var own = (await Invoices.RequestAsync(reseller.Id, wholesale, new InvoiceRequest(InvoiceKind.Ordinary, MinJiang.Name, MinJiang.TaxNumber, null, null), null, None)).Id!.Value;
        Assert.Equal("Error.UnknownInvoice", (await Invoices.IssueAsSellerAsync(own, reseller.Id, BillingWorld.Admin, None)).Error);
        Assert.True((await Invoices.IssueAsync(own, BillingWorld.Admin, None)).Ok);
        var platformText = await PdfTextAsync((await Invoices.PdfAsync(own, None))!.Value.Pdf, "invoice-to-reseller.pdf");
        Assert.Contains(Portal.Service<IOptions<BillingOptions>>().Value.SellerName, platformText, StringComparison.Ordinal);
        Assert.Contains("福州闽江短信有限公司", platformText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "Sandbox Pay")]
    [InlineData("zh-CN", "Sandbox Pay")]
    public async Task TheSandboxPayPageOnTheResellersHostNamesTheResellerAndNeverThePlatform(string language, string wording)
    {
        var (reseller, host) = await ResellerWorld.NewResellerAsync(Portal, 5000, name: "Agent Sunrise");
        var customer = await SellingWorld.CustomerAsync(Portal, reseller.Id);
        var package = await SellingWorld.ResellerPackageAsync(Portal, reseller.Id, 1000, 45m);
        var order = await BillingWorld.NewOrderAsync(Portal, customer.Id, package);
        var (started, start) = await Portal.Service<PaymentService>().StartAsync(order.Id, customer.Id, SandboxGateway.GatewayName, None);
        Assert.True(started.Ok, started.Error);

        var browser = Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri($"http://{host}") });
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var document = new HtmlParser().ParseDocument(await browser.GetStringAsync(start!.RedirectUrl));
        Assert.Equal("Agent Sunrise", document.QuerySelector("[data-testid=sandbox-merchant]")?.TextContent);
        Assert.Contains(wording, document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("45.00", document.Body.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("SmsPortal", document.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("SmsPortal", document.Body.TextContent, StringComparison.Ordinal);

        // The merchant is signed with the rest of the link: another name makes it no link at all.
        var forged = start.RedirectUrl!.Replace("merchant=Agent%20Sunrise", "merchant=Someone%20Else", StringComparison.Ordinal);
        Assert.NotEqual(start.RedirectUrl, forged);
        var refused = new HtmlParser().ParseDocument(await browser.GetStringAsync(forged));
        Assert.NotNull(refused.QuerySelector("[data-testid=sandbox-invalid]"));
    }

    /// <summary>The PDF's text as pdftotext (poppler) extracts it, the way a reader's tools see it; the file is kept with the screenshots.</summary>
    private static async Task<string> PdfTextAsync(byte[] pdf, string name)
    {
        var path = Path.Combine(BrowserSession.ScreenshotFolder, name);
        await File.WriteAllBytesAsync(path, pdf);
        using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return text;
    }
}
