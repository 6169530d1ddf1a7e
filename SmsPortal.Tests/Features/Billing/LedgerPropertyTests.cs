using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Billing.Payments;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;
using Xunit.Abstractions;

namespace SmsPortal.Tests.Features.Billing;

public sealed class LedgerPropertyTests(PortalFixture fixture, ITestOutputHelper output) : IClassFixture<PortalFixture>
{
    [Fact]
    public Task AfterAThousandRandomOperationsEveryBalanceIsTheSumOfItsEntries() => LedgerProperty.RunAsync(fixture.Portal, output.WriteLine);
}

[Trait("Category", "PostgreSql")]
public sealed class PostgresLedgerPropertyTests(PostgresPortalFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresPortalFixture>
{
    [Fact]
    public Task AfterAThousandRandomOperationsEveryBalanceIsTheSumOfItsEntries() => LedgerProperty.RunAsync(fixture.Portal, output.WriteLine);
}

internal static class LedgerProperty
{
    /// <summary>
    /// 1,000 random operations, ten at a time from concurrent callers, over six accounts, in both currencies (decision
    /// 0034): top-ups, admin adjustments (some refused), reserves and refunds through CreditLedger, order payments by
    /// notification (some doubled), and the same in money: top-ups, reserves and refunds of CNY fen, and payments of a
    /// package of money. Whatever the interleaving, every account's entries of each currency must chain (each BalanceAfter
    /// is the one before plus its amount, never below zero), their sum must equal that balance, and the balance must equal
    /// what the accepted operations add up to; one currency never moves the other.
    /// </summary>
    public static async Task RunAsync(PortalFactory portal, Action<string> log)
    {
        var seed = Environment.TickCount;
        log($"seed {seed}");
        var random = new Random(seed);
        var accounts = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            accounts.Add(await BillingWorld.NewAccountAsync(portal, $"Property {i}"));
        }

        var package = await BillingWorld.NewPackageAsync(portal, sms: 300, price: 12m);
        var moneyPackage = await portal.Service<PackageService>().SaveAsync(null, new PackageInput("Money ¥12 " + seed, 0, 12m, 365, true) { MoneyFen = 1200 }, BillingWorld.Admin, CancellationToken.None);
        Assert.True(moneyPackage.Ok, moneyPackage.Error);
        var expected = accounts.ToDictionary(a => (a, LedgerCurrency.Credits), _ => 0L);
        foreach (var account in accounts)
        {
            expected[(account, LedgerCurrency.Cny)] = 0;
        }

        var gate = new object();
        void Applied(int account, long amount, LedgerCurrency currency)
        {
            lock (gate)
            {
                expected[(account, currency)] += amount;
            }
        }

        var operations = 0;
        while (operations < 1000)
        {
            var batch = new List<Task>();
            for (var i = 0; i < 10; i++, operations++)
            {
                var account = accounts[random.Next(accounts.Count)];
                var kind = random.Next(9);
                var amount = random.Next(1, 500);
                var doubled = random.Next(3) == 0;
                // Kinds 5 to 8 are 0, 2, 3 and 4 in money (an adjustment is credits only).
                var currency = kind < 5 ? LedgerCurrency.Credits : LedgerCurrency.Cny;
                var operation = kind < 5 ? kind : (kind == 5 ? 0 : kind - 4);
                var bought = currency == LedgerCurrency.Credits ? (package, 300L) : ((int)moneyPackage.Id!.Value, 1200L);
                batch.Add(Task.Run(() => OperateAsync(portal, operation, currency, account, amount, doubled, bought, (a, n) => Applied(a, n, currency))));
            }

            await Task.WhenAll(batch);
        }

        foreach (var account in accounts)
        {
            var (running, entries) = await LedgerChain.AssertChainsAsync(portal, account);
            Assert.Equal(running, await BillingWorld.BalanceAsync(portal, account));
            Assert.Equal(expected[(account, LedgerCurrency.Credits)], await BillingWorld.BalanceAsync(portal, account));
            var (money, moneyEntries) = await LedgerChain.AssertChainsAsync(portal, account, LedgerCurrency.Cny);
            Assert.Equal(money, await MoneyAsync(portal, account));
            Assert.Equal(expected[(account, LedgerCurrency.Cny)], money);
            log($"account {account}: {entries} entries, balance {running}; {moneyEntries} money entries, {money} fen");
        }
    }

    private static Task<long> MoneyAsync(PortalFactory portal, int account) =>
        portal.QueryAsync(async db => (await CreditLedger.BalancesAsync(db, [account], LedgerCurrency.Cny, CancellationToken.None))[account]);

    private static async Task OperateAsync(PortalFactory portal, int kind, LedgerCurrency currency, int account, int amount, bool doubled, (int Id, long Adds) package, Action<int, long> applied)
    {
        var ledger = portal.Service<CreditLedger>();
        switch (kind)
        {
            case 0:
                await using (var db = await portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
                {
                    await ledger.AppendAsync(db, [new LedgerLine(account, LedgerEntryKind.TopUp, amount, "PROP") { Currency = currency }], CancellationToken.None);
                }

                applied(account, amount);
                break;
            case 1:
                // Adjustments both ways; taking more than the balance is refused and changes nothing.
                var signed = doubled ? -amount : amount;
                if ((await portal.Service<AdjustmentService>().AdjustAsync(await ApiIdAsync(portal, account), signed, "property test", BillingWorld.Admin, CancellationToken.None)).Ok)
                {
                    applied(account, signed);
                }

                break;
            case 2:
            case 3:
                // A reserve and, for some, its refund, as the sending pipeline does: reserve only what the balance holds.
                await using (var db = await portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
                {
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    var balances = await ledger.LockBalancesAsync(db, [account], currency, CancellationToken.None);
                    if (balances[account] < amount)
                    {
                        break;
                    }

                    var lines = new List<LedgerLine> { new(account, LedgerEntryKind.Reserve, -amount, "MSG") { Currency = currency } };
                    if (kind == 3)
                    {
                        lines.Add(new LedgerLine(account, LedgerEntryKind.Refund, amount, "MSG") { Currency = currency });
                    }

                    ledger.Append(db, currency == LedgerCurrency.Credits ? balances : null, currency == LedgerCurrency.Cny ? balances : null, lines);
                    await db.SaveChangesAsync();
                    await transaction.CommitAsync();
                    applied(account, kind == 3 ? 0 : -amount);
                }

                break;
            default:
                var order = await BillingWorld.NewOrderAsync(portal, account, package.Id);
                var notification = await portal.Service<SandboxGateway>().NotificationAsync(order.Number, "12.00", paid: true, CancellationToken.None);
                var payments = portal.Service<PaymentService>();
                var deliveries = doubled ? 3 : 1;
                var results = await Task.WhenAll(Enumerable.Range(0, deliveries).Select(_ => payments.HandleNotificationAsync(SandboxGateway.GatewayName, notification, CancellationToken.None)));
                Assert.Equal(1, results.Count(r => r.Outcome == "Applied"));
                applied(account, package.Adds);
                break;
        }
    }

    private static async Task<string> ApiIdAsync(PortalFactory portal, int account) =>
        await portal.QueryAsync(db => db.Accounts.Where(a => a.Id == account).Select(a => a.ApiId).SingleAsync());
}
