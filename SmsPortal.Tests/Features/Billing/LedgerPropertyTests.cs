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
    /// 1,000 random operations, ten at a time from concurrent callers, over six accounts: top-ups, admin adjustments
    /// (some refused), reserves and refunds through CreditLedger, and order payments by notification (some doubled).
    /// Whatever the interleaving, every account's entries must chain (each BalanceAfter is the one before plus its
    /// amount), their sum must equal the balance, and the balance must equal what the accepted operations add up to.
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
        var expected = accounts.ToDictionary(a => a, _ => 0L);
        var gate = new object();
        void Applied(int account, long amount)
        {
            lock (gate)
            {
                expected[account] += amount;
            }
        }

        var operations = 0;
        while (operations < 1000)
        {
            var batch = new List<Task>();
            for (var i = 0; i < 10; i++, operations++)
            {
                var account = accounts[random.Next(accounts.Count)];
                var kind = random.Next(5);
                var amount = random.Next(1, 500);
                var doubled = random.Next(3) == 0;
                batch.Add(Task.Run(() => OperateAsync(portal, kind, account, amount, doubled, package, Applied)));
            }

            await Task.WhenAll(batch);
        }

        foreach (var account in accounts)
        {
            var (running, entries) = await LedgerChain.AssertChainsAsync(portal, account);
            Assert.Equal(running, await BillingWorld.BalanceAsync(portal, account));
            Assert.Equal(expected[account], await BillingWorld.BalanceAsync(portal, account));
            log($"account {account}: {entries} entries, balance {running}");
        }
    }

    private static async Task OperateAsync(PortalFactory portal, int kind, int account, int amount, bool doubled, int package, Action<int, long> applied)
    {
        var ledger = portal.Service<CreditLedger>();
        switch (kind)
        {
            case 0:
                await using (var db = await portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
                {
                    await ledger.AppendAsync(db, [new LedgerLine(account, LedgerEntryKind.TopUp, amount, "PROP")], CancellationToken.None);
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
                    var balances = await ledger.LockBalancesAsync(db, [account], CancellationToken.None);
                    if (balances[account] < amount)
                    {
                        break;
                    }

                    var lines = new List<LedgerLine> { new(account, LedgerEntryKind.Reserve, -amount, "MSG") };
                    if (kind == 3)
                    {
                        lines.Add(new LedgerLine(account, LedgerEntryKind.Refund, amount, "MSG"));
                    }

                    ledger.Append(db, balances, lines);
                    await db.SaveChangesAsync();
                    await transaction.CommitAsync();
                    applied(account, kind == 3 ? 0 : -amount);
                }

                break;
            default:
                var order = await BillingWorld.NewOrderAsync(portal, account, package);
                var notification = await portal.Service<SandboxGateway>().NotificationAsync(order.Number, "12.00", paid: true, CancellationToken.None);
                var payments = portal.Service<PaymentService>();
                var deliveries = doubled ? 3 : 1;
                var results = await Task.WhenAll(Enumerable.Range(0, deliveries).Select(_ => payments.HandleNotificationAsync(SandboxGateway.GatewayName, notification, CancellationToken.None)));
                Assert.Equal(1, results.Count(r => r.Outcome == "Applied"));
                applied(account, 300);
                break;
        }
    }

    private static async Task<string> ApiIdAsync(PortalFactory portal, int account) =>
        await portal.QueryAsync(db => db.Accounts.Where(a => a.Id == account).Select(a => a.ApiId).SingleAsync());
}
