using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Tests.Features.Billing;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Browser;

/// <summary>
/// Issue 16's journey in Chromium: an admin imports a price list and enables two countries for an account; the customer
/// buys money, sends to both countries from the console and sees what each message cost.
/// </summary>
[Trait("Category", "Browser")]
public sealed class InternationalJourneyTests(InternationalBrowserSession fixture) : IClassFixture<InternationalBrowserSession>
{
    private BrowserSession Session => fixture.Session;

    [Fact]
    public async Task AnAdminPricesAndEnablesTwoCountriesAndTheCustomerBuysMoneySendsToBothAndSeesTheCostPerMessage()
    {
        var saved = await Session.Portal.Service<PackageService>().SaveAsync(null, new PackageInput("International ¥20", 0, 20m, 365, true) { MoneyFen = 2_000 }, BillingWorld.Admin, CancellationToken.None);
        Assert.True(saved.Ok, saved.Error);
        var company = "Intl Journey " + Guid.NewGuid().ToString("N")[..6];
        var email = $"intl-{Guid.NewGuid():N}@example.com";
        var customer = await Session.SignedInCustomerAsync(email, "Customer#2026", company);
        var accountId = (await People.FindAsync(Session.Portal, email))!.AccountId!.Value;

        // The admin: the price list through the page's upload, then the account's countries on the accounts page.
        var admin = await Session.NewPageAsync();
        await BrowserSession.SignInAsync(admin, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        await admin.GotoAsync("/admin/international");
        await BrowserSession.InteractiveAsync(admin);
        var csv = "country,prefix,network,price_cny,cost_cny\r\n852,,,0.30,0.20\r\n44,,,0.50,0.35\r\n81,,,0.40,\r\n";
        await admin.Locator("input[type=file]").First.SetInputFilesAsync(new FilePayload { Name = "prices.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await Assertions.Expect(admin.Locator("[data-testid=prices-imported]")).ToContainTextAsync("3");
        await Assertions.Expect(admin.Locator("[data-testid=price-cell]")).ToHaveCountAsync(3);
        await BrowserSession.ScreenshotAsync(admin, "intl-admin-prices-en");

        await admin.GotoAsync("/admin/accounts");
        await BrowserSession.InteractiveAsync(admin);
        var row = admin.Locator("[data-testid=accounts-grid] tr").Filter(new() { HasText = company });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await ClickUntilAsync(row.Locator("[data-testid=countries-edit]"), row.Locator("[data-testid=countries-input]").Locator("xpath=descendant-or-self::input").First);
        await row.Locator("[data-testid=countries-input]").Locator("xpath=descendant-or-self::input").First.FillAsync("852, 44");
        await row.Locator("[data-testid=countries-save]").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid=countries-value]")).ToHaveTextAsync("+852, +44");
        await BrowserSession.ScreenshotAsync(admin, "intl-admin-countries-en");

        // The customer buys money through the sandbox payment.
        await customer.GotoAsync("/console/billing");
        await ClickUntilAsync(customer.Locator("[data-testid=offer]").Filter(new() { HasText = "International ¥20" }).Locator("[data-testid=buy]"), customer.Locator("[data-testid=pay-confirm]"));
        await customer.ClickAsync("[data-testid=pay-confirm]");
        await customer.WaitForURLAsync("**/pay/sandbox?**");
        await customer.ClickAsync("[data-testid=sandbox-pay]");
        await customer.WaitForURLAsync(url => url.Contains("/console/billing?order=", StringComparison.Ordinal) && url.EndsWith("&paid=1", StringComparison.Ordinal));
        await Assertions.Expect(customer.Locator("[data-testid=payment-confirmed]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await customer.GotoAsync("/console/billing");
        await Assertions.Expect(customer.Locator("[data-testid=money-balance]")).ToHaveTextAsync("¥20.00", new() { Timeout = 30_000 });
        await BrowserSession.ScreenshotAsync(customer, "intl-customer-money-en");

        // Sends to both countries from the console: each country's line and the money before it starts.
        await customer.GotoAsync("/console/send");
        await BrowserSession.InteractiveAsync(customer);
        await customer.Locator("[data-testid=variable-0]").Locator("xpath=descendant-or-self::input").First.FillAsync("246810");
        await customer.Locator("[data-testid=numbers]").Locator("xpath=descendant-or-self::textarea").First.FillAsync("+852 9123 4567\n+852 9123 4568\n+44 7911 123456");
        await Assertions.Expect(customer.Locator("[data-testid=abroad-852]")).ToContainTextAsync("2 numbers in Hong Kong +852 · 1 SMS each (UCS-2) · ¥0.30 each");
        await Assertions.Expect(customer.Locator("[data-testid=abroad-44]")).ToContainTextAsync("1 number in United Kingdom +44 · 1 SMS (UCS-2) · ¥0.50");
        await Assertions.Expect(customer.Locator("[data-testid=money-cost]")).ToHaveTextAsync("¥1.10");
        // Abroad the text goes without the mainland's 【signature】.
        await Assertions.Expect(customer.Locator("[data-testid=preview]")).Not.ToContainTextAsync("【SmsPortal】");
        await BrowserSession.ScreenshotAsync(customer, "intl-send-en");
        await customer.ClickAsync("[data-testid=send]");
        await Assertions.Expect(customer.Locator("[data-testid=confirm-destination]")).ToHaveCountAsync(2);
        await Assertions.Expect(customer.Locator("[data-testid=confirm-money-balance-after]")).ToHaveTextAsync("¥18.90");
        await BrowserSession.ScreenshotAsync(customer, "intl-send-confirm-en");
        await customer.ClickAsync("[data-testid=confirm-send]");
        await Assertions.Expect(customer.Locator("[data-testid=progress-text]")).ToHaveTextAsync("3 of 3 submitted", new() { Timeout = 60_000 });

        // The records: the country and what each message cost.
        var sent = await Session.Portal.QueryAsync(db => db.Messages.Where(m => m.AccountId == accountId).OrderBy(m => m.Mobile).ToListAsync());
        Assert.Equal(["44 7911123456", "852 91234567", "852 91234568"], sent.Select(m => m.Mobile));
        Assert.Equal([50L, 30L, 30L], sent.Select(m => m.PriceFen));
        Assert.All(sent, m => Assert.DoesNotContain("【", m.Text, StringComparison.Ordinal));
        await customer.GotoAsync("/console/records");
        await BrowserSession.InteractiveAsync(customer);
        foreach (var message in sent)
        {
            await Assertions.Expect(customer.Locator($"[data-testid=charged-{message.SmsId}]")).ToHaveTextAsync(message.Country == "44" ? "¥0.50" : "¥0.30");
            await Assertions.Expect(customer.Locator($"[data-testid=country-{message.SmsId}]")).ToHaveTextAsync("+" + message.Country);
        }

        await BrowserSession.ScreenshotAsync(customer, "intl-records-en");
        Assert.Equal(2_000 - 110, await Session.Portal.CheckedBalanceAsync(accountId, LedgerCurrency.Cny));
    }

    private static async Task ClickUntilAsync(ILocator target, ILocator appears)
    {
        for (var attempt = 0; attempt < 15; attempt++)
        {
            await target.ClickAsync();
            try
            {
                await appears.First.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 1500 });
                return;
            }
            catch (TimeoutException)
            {
                // Not interactive yet: try again.
            }
        }

        throw new TimeoutException("Nothing appeared after clicking.");
    }
}
