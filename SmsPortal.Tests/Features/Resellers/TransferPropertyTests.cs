using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;
using Xunit.Abstractions;

namespace SmsPortal.Tests.Features.Resellers;

public sealed class TransferPropertyTests(PortalFixture fixture, ITestOutputHelper output) : IClassFixture<PortalFixture>
{
    [Fact]
    public Task RacingTransfersTakeBacksAndSendsConserveCreditsAndKeepEveryBalanceTheSumOfItsEntries() => TransferProperty.RunAsync(fixture.Portal, output.WriteLine);
}

[Trait("Category", "PostgreSql")]
public sealed class PostgresTransferPropertyTests(PostgresPortalFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresPortalFixture>
{
    [Fact]
    public Task RacingTransfersTakeBacksAndSendsConserveCreditsAndKeepEveryBalanceTheSumOfItsEntries() => TransferProperty.RunAsync(fixture.Portal, output.WriteLine);
}

internal static class TransferProperty
{
    /// <summary>
    /// One reseller, four customers, 400 random operations ten at a time: transfers and take-backs through the REST API
    /// (amounts drawn so that many exceed the giving side and must be refused) and customers spending credits through
    /// the ledger's reserve, as sends do. Whatever the interleaving: every account's entries chain, none goes below
    /// zero, each balance is the sum of its entries and what the accepted operations add up to, and the credits of the
    /// reseller and its customers together are the starting credits less what was spent.
    /// </summary>
    public static async Task RunAsync(PortalFactory portal, Action<string> log)
    {
        var seed = Environment.TickCount;
        log($"seed {seed}");
        var random = new Random(seed);
        const long start = 5000;
        var (reseller, _) = await ResellerWorld.NewResellerAsync(portal, start);
        var api = ResellerWorld.Api(portal, reseller);
        var customers = new List<(int Id, string ApiId)>();
        for (var i = 0; i < 4; i++)
        {
            var apiId = (await api.CreateCustomerAsync($"Racer {i}")).Body.GetProperty("apiId").GetString()!;
            customers.Add((await portal.QueryAsync(db => db.Accounts.Where(a => a.ApiId == apiId).Select(a => a.Id).SingleAsync()), apiId));
        }

        var expected = customers.ToDictionary(c => c.Id, _ => 0L);
        expected[reseller.Id] = start;
        var spent = 0L;
        var refused = 0;
        var gate = new object();
        for (var round = 0; round < 40; round++)
        {
            var batch = new List<Task>();
            for (var i = 0; i < 10; i++)
            {
                var customer = customers[random.Next(customers.Count)];
                var kind = random.Next(4);
                var amount = random.Next(1, 1500);
                batch.Add(Task.Run(async () =>
                {
                    switch (kind)
                    {
                        case 0 or 1:
                            var answer = kind == 0 ? await api.TransferAsync(customer.ApiId, amount, "race") : await api.TakeBackAsync(customer.ApiId, amount, "race");
                            Assert.True(answer.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, answer.ToString());
                            lock (gate)
                            {
                                if (answer.Status == HttpStatusCode.OK)
                                {
                                    var sign = kind == 0 ? 1 : -1;
                                    expected[reseller.Id] -= sign * amount;
                                    expected[customer.Id] += sign * amount;
                                }
                                else
                                {
                                    refused++;
                                }
                            }

                            break;
                        default:
                            var spend = amount / 10 + 1;
                            if (await SpendAsync(portal, customer.Id, spend))
                            {
                                lock (gate)
                                {
                                    expected[customer.Id] -= spend;
                                    spent += spend;
                                }
                            }

                            break;
                    }
                }));
            }

            await Task.WhenAll(batch);
        }

        log($"refused {refused}, spent {spent}");
        Assert.True(refused > 0, "no operation met a short balance: the property was not exercised");
        var total = 0L;
        foreach (var account in expected.Keys)
        {
            var (running, entries) = await LedgerChain.AssertChainsAsync(portal, account);
            Assert.Equal(expected[account], running);
            total += running;
            log($"account {account}: {entries} entries, balance {running}");
        }

        Assert.Equal(start - spent, total);
        var transfers = await portal.QueryAsync(db => db.LedgerEntries.Where(e => expected.Keys.Contains(e.AccountId) && e.Kind == LedgerEntryKind.Transfer).SumAsync(e => e.Amount));
        Assert.Equal(0, transfers);
    }

    /// <summary>A send's reserve: only what the balance holds, under the ledger's lock.</summary>
    private static async Task<bool> SpendAsync(PortalFactory portal, int account, long amount)
    {
        var ledger = portal.Service<CreditLedger>();
        await using var db = await portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var balances = await ledger.LockBalancesAsync(db, [account], CancellationToken.None);
        if (balances[account] < amount)
        {
            return false;
        }

        ledger.Append(db, balances, [new LedgerLine(account, LedgerEntryKind.Reserve, -amount, "MSG")]);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return true;
    }
}
