using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Billing;
using SmsPortal.Infrastructure.Billing.Invoices;
using SmsPortal.Tests.Support;
using UglyToad.PdfPig;

namespace SmsPortal.Tests.Features.Billing;

public sealed class InvoiceTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    private InvoiceService Invoices => Portal.Service<InvoiceService>();

    [Fact]
    public async Task TheInvoicePdfCarriesItsTextChineseIncludedAsText()
    {
        var account = await BillingWorld.NewAccountAsync(Portal);
        var package = await BillingWorld.NewPackageAsync(Portal, sms: 20_000, price: 1200.50m, name: "企业套餐");
        var order = await BillingWorld.PaidOrderAsync(Portal, account, package);
        var requested = await Invoices.RequestAsync(account, order, BillingWorld.ChineseCompany(InvoiceKind.SpecialVat), null, CancellationToken.None);
        Assert.True(requested.Ok, requested.Error);
        var issued = await Invoices.IssueAsync(requested.Id!.Value, BillingWorld.Admin, CancellationToken.None);
        Assert.True(issued.Ok, issued.Error);

        var (number, pdf) = (await Invoices.PdfAsync(requested.Id.Value, CancellationToken.None))!.Value;
        await File.WriteAllBytesAsync(Path.Combine(BrowserSession.ScreenshotFolder, "invoice-special-vat.pdf"), pdf);

        using var document = PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().Select(p => p.Text)).Replace(" ", "", StringComparison.Ordinal);
        Assert.Equal(1, document.NumberOfPages);
        Assert.Contains("电子发票（增值税专用发票）", text, StringComparison.Ordinal);
        Assert.Contains("深圳市示例科技有限公司", text, StringComparison.Ordinal);
        Assert.Contains("91440300MA5ABCDE1X", text, StringComparison.Ordinal);
        Assert.Contains("招商银行深圳分行", text, StringComparison.Ordinal);
        Assert.Contains("企业套餐", text, StringComparison.Ordinal);
        Assert.Contains("壹仟贰佰元伍角整", text, StringComparison.Ordinal);
        Assert.Contains("¥1,200.50", text, StringComparison.Ordinal);
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains("Invoice", text, StringComparison.Ordinal);
    }

    [Fact]
    public Task ConcurrentIssuingNumbersInvoicesOneToNWithNoGapOrDuplicate() => IssueConcurrentlyAsync(Portal);

    [Fact]
    public async Task AnInvoiceIsOnlyForAPaidOrderOfTheAccountAndOnlyOnce()
    {
        var account = await BillingWorld.NewAccountAsync(Portal);
        var stranger = await BillingWorld.NewAccountAsync(Portal, "Stranger Ltd");
        var package = await BillingWorld.NewPackageAsync(Portal, sms: 10, price: 1m);
        var pending = await BillingWorld.NewOrderAsync(Portal, account, package);
        var paid = await BillingWorld.PaidOrderAsync(Portal, account, package);

        Assert.Equal("Error.InvoiceNeedsPaidOrder", (await Invoices.RequestAsync(account, pending.Id, BillingWorld.ChineseCompany(), null, CancellationToken.None)).Error);
        Assert.Equal("Error.UnknownOrder", (await Invoices.RequestAsync(stranger, paid, BillingWorld.ChineseCompany(), null, CancellationToken.None)).Error);
        Assert.Equal("Error.TaxNumber", (await Invoices.RequestAsync(account, paid, BillingWorld.ChineseCompany() with { TaxNumber = "123" }, null, CancellationToken.None)).Error);
        Assert.Equal("Error.SpecialVatDetails", (await Invoices.RequestAsync(account, paid, BillingWorld.ChineseCompany() with { Kind = InvoiceKind.SpecialVat }, null, CancellationToken.None)).Error);
        Assert.Equal("Error.InvoiceKind", (await Invoices.RequestAsync(account, paid, BillingWorld.ChineseCompany() with { Kind = (InvoiceKind)7 }, null, CancellationToken.None)).Error);
        Assert.True((await Invoices.RequestAsync(account, paid, BillingWorld.ChineseCompany(), null, CancellationToken.None)).Ok);
        Assert.Equal("Error.InvoiceExists", (await Invoices.RequestAsync(account, paid, BillingWorld.ChineseCompany(), null, CancellationToken.None)).Error);
    }

    [Theory]
    [InlineData("0", "零元整")]
    [InlineData("0.05", "伍分")]
    [InlineData("10", "壹拾元整")]
    [InlineData("55", "伍拾伍元整")]
    [InlineData("1200.5", "壹仟贰佰元伍角整")]
    [InlineData("1001.01", "壹仟零壹元零壹分")]
    [InlineData("10010", "壹万零壹拾元整")]
    [InlineData("100000001", "壹亿零壹元整")]
    [InlineData("2003040.56", "贰佰万叁仟零肆拾元伍角陆分")]
    public void AmountsAreWrittenInChineseFinancialCapitals(string amount, string words) =>
        Assert.Equal(words, ChineseAmount.InWords(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>24 invoices, each issued twice at once: one issue of each pair wins, and the numbers run on with no gap.</summary>
    internal static async Task IssueConcurrentlyAsync(PortalFactory portal)
    {
        var account = await BillingWorld.NewAccountAsync(portal);
        var package = await BillingWorld.NewPackageAsync(portal, sms: 10, price: 1m);
        var requests = new List<long>();
        for (var i = 0; i < 24; i++)
        {
            var order = await BillingWorld.PaidOrderAsync(portal, account, package);
            requests.Add((await portal.Service<InvoiceService>().RequestAsync(account, order, BillingWorld.ChineseCompany(), null, CancellationToken.None)).Id!.Value);
        }

        var before = await portal.QueryAsync(db => db.Invoices.MaxAsync(i => i.Number)) ?? 0;
        // Every invoice issued twice at once by two admins: one of each pair wins, the other is refused.
        var results = await Task.WhenAll(requests.Concat(requests).Select(id => Task.Run(() => portal.Service<InvoiceService>().IssueAsync(id, BillingWorld.Admin, CancellationToken.None))));

        Assert.Equal(24, results.Count(r => r.Ok));
        Assert.All(results.Where(r => !r.Ok), r => Assert.Equal("Error.InvoiceIssued", r.Error));
        var numbers = await portal.QueryAsync(db => db.Invoices.Where(i => requests.Contains(i.Id)).Select(i => i.Number!.Value).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 24).Select(n => before + n), numbers.Order());
        var all = await portal.QueryAsync(db => db.Invoices.Where(i => i.Number != null).Select(i => i.Number!.Value).ToListAsync());
        Assert.Equal(Enumerable.Range(1, all.Count).Select(n => (long)n), all.Order());
    }
}
