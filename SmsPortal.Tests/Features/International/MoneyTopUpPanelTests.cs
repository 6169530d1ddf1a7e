using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Tests.Features.Billing;
using SmsPortal.Tests.Features.Resellers;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Billing;
using SmsPortal.Web.Features.International;

namespace SmsPortal.Tests.Features.International;

/// <summary>The billing page's top-up card (decision 0034), rendered by bUnit on the portal's real order service and database.</summary>
public sealed class MoneyTopUpPanelTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task ABadAmountIsRefusedOnTheCardWithItsReasonAndAGoodOnePlacesTheOrder()
    {
        var account = await BillingWorld.NewAccountAsync(fixture.Portal, "Card Co");
        await using var page = Context(account);
        var card = page.Render<MoneyTopUpPanel>(p => p.Add(c => c.AccountId, account), "[data-testid=top-up]");
        Assert.Contains("Any amount from ¥10.00 to ¥50,000.00", card.Markup, StringComparison.Ordinal);

        card.Find("[data-testid=top-up-amount]").Change("12.345");
        card.Find("[data-testid=top-up]").Click();
        card.WaitForAssertion(() => Assert.Equal("Enter an amount in yuan with at most two decimals, such as 100 or 88.50.", card.Find("[data-testid=top-up-error]").TextContent.Trim()));

        card.Find("[data-testid=top-up-amount]").Change("50000.50");
        card.Find("[data-testid=top-up]").Click();
        card.WaitForAssertion(() => Assert.Equal("The amount must be from ¥10.00 to ¥50,000.00.", card.Find("[data-testid=top-up-error]").TextContent.Trim()));
        Assert.Equal(0, await fixture.Portal.QueryAsync(db => db.Orders.CountAsync(o => o.AccountId == account)));

        card.Find("[data-testid=top-up-amount]").Change("88.5");
        card.Find("[data-testid=top-up]").Click();

        await Eventually.HoldsAsync(async () => await fixture.Portal.QueryAsync(db => db.Orders.AnyAsync(o => o.AccountId == account)), "the order is placed");
        var order = await fixture.Portal.QueryAsync(db => db.Orders.SingleAsync(o => o.AccountId == account));
        Assert.Equal(("¥88.50", 8850L, 88.50m, (int?)null), (order.PackageName, order.MoneyFen, order.Amount, order.PackageId));
        card.WaitForAssertion(() => Assert.Empty(card.FindAll("[data-testid=top-up-error]")));
    }

    [Fact]
    public async Task AResellersCustomerIsToldToAskItsResellerInsteadOfTheCard()
    {
        var (reseller, _) = await ResellerWorld.NewResellerAsync(fixture.Portal, credits: 100);
        var apiId = (await ResellerWorld.Api(fixture.Portal, reseller).CreateCustomerAsync("Card Customer")).Body.GetProperty("apiId").GetString();
        var customer = await fixture.Portal.QueryAsync(db => db.Accounts.Where(a => a.ApiId == apiId).Select(a => a.Id).SingleAsync());
        await using var page = Context(customer);

        var card = page.Render<MoneyTopUpPanel>(p => p.Add(c => c.AccountId, customer), "[data-testid=top-up-from-reseller]");

        Assert.Equal("Your account buys from its reseller: ask your reseller for money for international SMS.", card.Find("[data-testid=top-up-from-reseller]").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=money-top-up]"));
    }

    private ConsolePageContext Context(int accountId)
    {
        var page = new ConsolePageContext(accountId, fixture.Portal.Service<OrderService>());
        page.Context.Services.AddScoped<BillingActors>();
        return page;
    }
}
