using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Sending;

namespace SmsPortal.Tests.Features.International;

/// <summary>
/// The console's send page with numbers abroad (decision 0035): each country's text by the one compose rule (no 【】 where
/// the country uses none), its parts in GSM-7 or UCS-2, its price in money, grouped by country in the confirmation; and
/// what is sent is what the page showed. bUnit on the portal's real services, prices and money through them.
/// </summary>
public sealed class SendPageAbroadTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private TestAccounts.Made _account = default!;
    private ConsolePageContext _page = default!;

    public async Task InitializeAsync()
    {
        InternationalWorld.AllowAbroad(_portal);
        await InternationalWorld.PlatformPricesAsync(_portal);
        _account = await TestAccounts.CreateAsync(_portal, credits: 100, verified: true, paid: true, signatures: ["快递通"],
            templates: [("parcel", "Your parcel 【code】 has arrived at the station, please collect it within three days. Thank you for choosing us.", TemplateKind.Notification)]);
        await InternationalWorld.GiveMoneyAsync(_portal, _account.Id, 500);
        _page = new ConsolePageContext(_account.Id, _portal.Service<AccountService>(), _portal.Service<SendingProfiles>(), _portal.Service<SubmissionService>(), _portal.Service<SendBatches>());
    }

    public async Task DisposeAsync()
    {
        await _page.DisposeAsync();
        await _portal.DisposeAsync();
    }

    private IRenderedComponent<SendPage> RenderParcel()
    {
        var page = _page.Render<SendPage>("[data-testid=send]");
        var select = page.FindComponents<MudSelect<int>>().Single();
        page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(_account.Templates["parcel"]));
        page.WaitForAssertion(() => Assert.Contains("Your parcel", page.Find("[data-testid=template-text]").TextContent, StringComparison.Ordinal));
        return page;
    }

    [Fact]
    public void NumbersAbroadShowTheirTextWithoutBracketsTheirGsm7PartsAndTheirPriceByCountry()
    {
        var page = RenderParcel();
        page.Find("[data-testid=variable-0]").Input("SF1234");

        page.Find("[data-testid=numbers]").Input("13800138000\n+852 9123 4567\n00852 91234568\n+852 6123 4567\n+44 7911 123456\n+81 90 1234 5678");

        // Mainland: 【快递通】 + 110 Latin characters = 115, UCS-2, two parts of 67; abroad the body alone, GSM-7, one part.
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=abroad-852]")));
        Assert.Equal("2", page.Find("[data-testid=parts]").TextContent);
        Assert.Equal("2", page.Find("[data-testid=cost]").TextContent);
        var body = "Your parcel SF1234 has arrived at the station, please collect it within three days. Thank you for choosing us.";
        Assert.Equal("【快递通】" + body, page.Find("[data-testid=preview]").TextContent);
        var hongKong = page.FindAll("[data-testid=abroad-852]");
        Assert.Equal(2, hongKong.Count);
        Assert.Contains("2 numbers in Hong Kong", hongKong[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("1 SMS each (GSM-7) · ¥0.30 each", hongKong[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("1 number in Hong Kong", hongKong[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("¥0.45", hongKong[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(body, page.Find("[data-testid=abroad-text-852]").TextContent);
        Assert.Contains("1 number in United Kingdom +44 · 1 SMS (GSM-7) · ¥0.50", page.Find("[data-testid=abroad-44]").TextContent, StringComparison.Ordinal);
        Assert.Contains("no price: refused with 4033", page.Find("[data-testid=abroad-81]").TextContent, StringComparison.Ordinal);
        Assert.Equal("¥1.55", page.Find("[data-testid=money-cost]").TextContent);
        Assert.Equal("¥5.00", page.Find("[data-testid=money-balance]").TextContent);
        Assert.Contains("1 numbers abroad have no price", page.Find("[data-testid=unpriced]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=money-short]"));
    }

    [Fact]
    public void TheFirstNumberAbroadIsPreviewedWithoutTheSignature()
    {
        var page = RenderParcel();
        page.Find("[data-testid=variable-0]").Input("SF1234");

        page.Find("[data-testid=numbers]").Input("+44 7911 123456\n13800138000");

        page.WaitForAssertion(() => Assert.StartsWith("Your parcel SF1234", page.Find("[data-testid=preview]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheConfirmationGroupsByCountryAndWhatIsSentIsWhatItShowed()
    {
        var page = RenderParcel();
        page.Find("[data-testid=variable-0]").Input("SF1234");
        page.Find("[data-testid=numbers]").Input("13800138000\n+852 9123 4567\n+852 9123 4568\n+44 7911 123456");
        page.WaitForAssertion(() => Assert.Equal("¥1.10", page.Find("[data-testid=money-cost]").TextContent));

        page.Find("[data-testid=send]").Click();

        page.WaitForElement("[data-testid=confirm]");
        var lines = page.FindAll("[data-testid=confirm-destination]").Select(l => l.TextContent).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains("2 numbers in Hong Kong +852 · 1 SMS each (GSM-7) · ¥0.30 each", lines);
        Assert.Contains("1 number in United Kingdom +44 · 1 SMS (GSM-7) · ¥0.50", lines);
        Assert.Equal("2", page.Find("[data-testid=confirm-cost]").TextContent);
        Assert.Equal("¥1.10", page.Find("[data-testid=confirm-money-cost]").TextContent);
        Assert.Equal("¥5.00", page.Find("[data-testid=confirm-money-balance]").TextContent);
        Assert.Equal("¥3.90", page.Find("[data-testid=confirm-money-balance-after]").TextContent);
        page.Find("[data-testid=confirm-send]").Click();

        await Eventually.HoldsAsync(async () => await _portal.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == _account.Id)) == 4, TimeSpan.FromSeconds(30), "the batch sent its four numbers");
        var sent = await _portal.QueryAsync(db => db.Messages.Where(m => m.AccountId == _account.Id).OrderBy(m => m.Mobile).ToListAsync());
        var body = "Your parcel SF1234 has arrived at the station, please collect it within three days. Thank you for choosing us.";
        Assert.Equal(["13800138000", "44 7911123456", "852 91234567", "852 91234568"], sent.Select(m => m.Mobile));
        Assert.Equal(["【快递通】" + body, body, body, body], sent.Select(m => m.Text));
        Assert.Equal([2, 1, 1, 1], sent.Select(m => m.Parts));
        Assert.Equal([null, 50L, 30L, 30L], sent.Select(m => m.PriceFen));
        Assert.Equal(390, await InternationalWorld.MoneyAsync(_portal, _account.Id));
        Assert.Equal(98, await _portal.CheckedBalanceAsync(_account.Id));
    }

    [Fact]
    public void AMainlandSendShowsNothingOfMoney()
    {
        var page = RenderParcel();
        page.Find("[data-testid=variable-0]").Input("SF1234");
        page.Find("[data-testid=numbers]").Input("13800138000\n13800138001");

        page.WaitForAssertion(() => Assert.Equal("4", page.Find("[data-testid=cost]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=abroad]"));
        Assert.Empty(page.FindAll("[data-testid=money-cost]"));
    }
}
