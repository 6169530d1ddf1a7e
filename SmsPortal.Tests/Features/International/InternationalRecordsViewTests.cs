using System.Net;
using System.Text;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Records;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Billing;
using SmsPortal.Web.Features.Sending;

namespace SmsPortal.Tests.Features.International;

/// <summary>
/// What records and the ledger show of international sends: the country and the money charged per message in the grid,
/// the detail (the platform's cost for admins only) and the CSV export; the ledger's money balance in yuan, beside the
/// credits, on screen and in its export. bUnit and the real HTTP stack, on the portal's services.
/// </summary>
public sealed class InternationalRecordsViewTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task TheGridShowsTheCountryAndTheMoneyAbroadAndCreditsOnTheMainlandAndTheDetailTheCostToAdminsOnly()
    {
        var account = await TestAccounts.CreateAsync(Portal);
        var (mainland, abroad) = await AddPairAsync(account.Id);
        await using var context = new ConsolePageContext(account.Id, Portal.Service<MessageRecords>());

        foreach (var admin in new[] { true, false })
        {
            var grid = context.Render<RecordsGrid>(p => p.Add(g => g.AccountId, account.Id).Add(g => g.ShowCost, admin), $"[data-testid=country-{abroad.SmsId}]");

            Assert.Equal("+852", grid.Find($"[data-testid=country-{abroad.SmsId}]").TextContent);
            Assert.Equal("Hong Kong +852", grid.Find($"[data-testid=country-{abroad.SmsId}]").GetAttribute("title"));
            Assert.Equal("¥0.60", grid.Find($"[data-testid=charged-{abroad.SmsId}]").TextContent);
            Assert.Equal("+86", grid.Find($"[data-testid=country-{mainland.SmsId}]").TextContent);
            Assert.Equal("1 SMS", grid.Find($"[data-testid=charged-{mainland.SmsId}]").TextContent);

            grid.Find($"[data-testid=detail-{abroad.SmsId}] button, button[data-testid=detail-{abroad.SmsId}]").Click();
            grid.WaitForAssertion(() => Assert.Equal("Hong Kong +852", grid.Find("[data-testid=detail-country]").TextContent));
            Assert.Contains("¥0.60", grid.Find("[data-testid=detail-price]").TextContent, StringComparison.Ordinal);
            Assert.Contains("¥0.30 × 2 SMS", grid.Find("[data-testid=detail-price]").TextContent, StringComparison.Ordinal);
            Assert.Equal(admin ? 1 : 0, grid.FindAll("[data-testid=detail-cost]").Count);
            if (admin)
            {
                Assert.Equal("¥0.40", grid.Find("[data-testid=detail-cost]").TextContent);
            }
        }
    }

    [Fact]
    public async Task TheRecordsExportHasTheCountryAndThePriceInYuan()
    {
        var (client, accountId) = await CustomerAsync();
        await AddPairAsync(accountId);

        var lines = (await client.GetStringAsync("/console/records/export")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.EndsWith(",Sent through,Country,Price (CNY)", lines[0], StringComparison.Ordinal);
        Assert.Contains(",852 91234567,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",852,0.60", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",86,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLedgerShowsTheMoneyBalanceInYuanApartFromTheCreditsAndExportsIt()
    {
        var (client, accountId) = await CustomerAsync();
        await InternationalWorld.GiveMoneyAsync(Portal, accountId, 1234);
        await using (var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            await Portal.Service<SmsPortal.Infrastructure.Ledger.CreditLedger>().AppendAsync(db, [new SmsPortal.Infrastructure.Ledger.LedgerLine(accountId, LedgerEntryKind.Reserve, -60, "X1", "test send") { Currency = LedgerCurrency.Cny }], CancellationToken.None);
        }

        await using (var context = new ConsolePageContext(accountId, Portal.Service<LedgerQueries>()))
        {
            var panel = context.Render<LedgerPanel>(p => p.Add(l => l.AccountId, accountId), "[data-testid=ledger-grid]");
            panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=ledger-balance]")));
            Assert.DoesNotContain("¥", string.Concat(panel.FindAll("[data-testid=ledger-balance]").Select(b => b.TextContent)), StringComparison.Ordinal);

            var select = panel.FindComponents<MudSelect<LedgerCurrency>>().Single();
            await panel.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(LedgerCurrency.Cny));

            panel.WaitForAssertion(() => Assert.Equal(["-¥0.60", "+¥12.34"], panel.FindAll("[data-testid=ledger-amount]").Select(a => a.TextContent)));
            Assert.Equal(["¥11.74", "¥12.34"], panel.FindAll("[data-testid=ledger-balance]").Select(a => a.TextContent));
            Assert.Contains("currency=Cny", panel.Find("[data-testid=ledger-export]").GetAttribute("href"), StringComparison.Ordinal);
        }

        var money = (await client.GetStringAsync("/console/billing/ledger.csv?currency=Cny")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,time (UTC+08:00),kind,amount (CNY),balance_after (CNY),reference,note", money[0]);
        Assert.Equal(3, money.Length);
        Assert.Contains(",12.34,12.34,TEST,", money[1], StringComparison.Ordinal);
        Assert.Contains(",-0.60,11.74,X1,", money[2], StringComparison.Ordinal);
        var credits = (await client.GetStringAsync("/console/billing/ledger.csv")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,time (UTC+08:00),kind,amount (credits),", credits[0], StringComparison.Ordinal);
        Assert.DoesNotContain(credits, l => l.Contains(",TEST,", StringComparison.Ordinal) || l.Contains(",X1,", StringComparison.Ordinal));

        var bad = await client.GetAsync("/console/billing/ledger.csv?currency=USD");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'USD' is not a currency of the ledger", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<(HttpClient Client, int AccountId)> CustomerAsync()
    {
        var email = $"intlview-{Guid.NewGuid():N}@example.com";
        var client = await People.RegisteredCustomerAsync(Portal, email);
        return (client, (await People.FindAsync(Portal, email))!.AccountId!.Value);
    }

    /// <summary>A mainland message (a credit) and, after it, one to Hong Kong: two parts at ¥0.30, cost ¥0.20 a part.</summary>
    private async Task<(Message Mainland, Message Abroad)> AddPairAsync(int accountId)
    {
        await using var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        var mainland = Sent(accountId, "13800138001", "【SmsPortal】您的验证码是：1234。请不要把验证码泄露给其他人。", 1);
        db.Messages.Add(mainland);
        await db.SaveChangesAsync();
        var abroad = Sent(accountId, "852 91234567", new string('a', 200), 2);
        abroad.Country = "852";
        abroad.PriceFen = 60;
        abroad.CostFen = 40;
        db.Messages.Add(abroad);
        await db.SaveChangesAsync();
        return (mainland, abroad);
    }

    private static Message Sent(int accountId, string mobile, string text, int parts) => new()
    {
        AccountId = accountId,
        Mobile = mobile,
        Text = text,
        Status = MessageStatus.Delivered,
        AcceptedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        DoneAt = DateTimeOffset.UtcNow,
        Parts = parts,
        Door = SubmissionDoor.Console,
    };
}
