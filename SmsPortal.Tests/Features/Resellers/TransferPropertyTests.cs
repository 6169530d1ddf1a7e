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
    public Task RacingTransfersTakeBacksSendsAndPurchasesConserveCreditsAndKeepEveryBalanceTheSumOfItsEntries() => TransferProperty.RunAsync(fixture.Portal, output.WriteLine);
}

[Trait("Category", "PostgreSql")]
public sealed class PostgresTransferPropertyTests(PostgresPortalFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresPortalFixture>
{
    [Fact]
    public Task RacingTransfersTakeBacksSendsAndPurchasesConserveCreditsAndKeepEveryBalanceTheSumOfItsEntries() => TransferProperty.RunAsync(fixture.Portal, output.WriteLine);
}

internal static class TransferProperty
{
    /// <summary>
    /// One reseller, four customers, 400 random operations ten at a time: transfers and take-backs through the REST API
    /// (amounts drawn so that many exceed the giving side and must be refused), customers spending credits through
    /// the ledger's reserve, as sends do, customers buying the reseller's packages and the reseller topping up from the
    /// platform, both paid by signed notifications to the portal, and an admin crediting the reseller by hand (a purchase
    /// the reseller is short for waits and is delivered by a later credit: a top-up, an adjustment or a take-back). Whatever the interleaving: every account's entries chain, none goes below zero,
    /// each balance is the sum of its entries and what the accepted operations add up to, the transfers cancel out,
    /// and the credits of the reseller and its customers together are the starting credits and the top-ups less what
    /// was spent. A last top-up delivers whatever still waits: no paid purchase is left without its credits.
    /// </summary>
    public static async Task RunAsync(PortalFactory portal, Action<string> log)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SMSPORTAL_PROPERTY_SEED"), out var chosen) ? chosen : Environment.TickCount;
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
        int[] packages = [await SellingWorld.ResellerPackageAsync(portal, reseller.Id, 200, 10m), await SellingWorld.ResellerPackageAsync(portal, reseller.Id, 900, 40m)];
        const long topUp = 600;
        var wholesale = await Billing.BillingWorld.NewPackageAsync(portal, sms: topUp, price: 100m, name: "Wholesale");
        var notifications = portal.CreateBrowserLikeClient();
        var spent = 0L;
        var toppedUp = 0L;
        var refused = 0;
        var gate = new object();
        for (var round = 0; round < 40; round++)
        {
            var batch = new List<Task>();
            for (var i = 0; i < 10; i++)
            {
                var customer = customers[random.Next(customers.Count)];
                var kind = random.Next(8);
                var amount = random.Next(1, 1500);
                var package = packages[random.Next(packages.Length)];
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
                        case 4 or 5:
                            await SellingWorld.BuyAsync(portal, notifications, customer.Id, package);
                            break;
                        case 7:
                            // An admin's credit, which delivers waiting sales as a top-up does.
                            var adjusted = await portal.Service<SmsPortal.Infrastructure.Billing.AdjustmentService>().AdjustAsync(reseller.ApiId, amount, "race", Billing.BillingWorld.Admin, CancellationToken.None);
                            Assert.True(adjusted.Ok, adjusted.Error);
                            lock (gate)
                            {
                                expected[reseller.Id] += amount;
                                toppedUp += amount;
                            }

                            break;
                        case 6:
                            await SellingWorld.BuyAsync(portal, notifications, reseller.Id, wholesale);
                            lock (gate)
                            {
                                expected[reseller.Id] += topUp;
                                toppedUp += topUp;
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

        var waiting = await portal.QueryAsync(db => db.Orders.Where(o => o.SellerAccountId == reseller.Id && o.AwaitingCredits).SumAsync(o => o.Sms));
        log($"refused {refused}, spent {spent}, topped up {toppedUp}, waiting for credits {waiting}");
        if (waiting > 0)
        {
            var last = await Billing.BillingWorld.NewPackageAsync(portal, sms: waiting, price: 100m, name: "Last top-up");
            await SellingWorld.BuyAsync(portal, notifications, reseller.Id, last);
            expected[reseller.Id] += waiting;
            toppedUp += waiting;
        }

        Assert.Equal(0, await portal.QueryAsync(db => db.Orders.CountAsync(o => o.SellerAccountId == reseller.Id && o.AwaitingCredits)));
        var sales = await portal.QueryAsync(db => db.Orders.Where(o => o.SellerAccountId == reseller.Id && o.Status == SmsPortal.Domain.Billing.OrderStatus.Paid).Select(o => new { o.AccountId, o.Sms }).ToListAsync());
        foreach (var sale in sales)
        {
            expected[reseller.Id] -= sale.Sms;
            expected[sale.AccountId] += sale.Sms;
        }

        log($"{sales.Count} purchases delivered, {refused} racing operations met a short balance");

        // At the edge in every run, whatever the seed: ten transfers of a fifth of the reseller's balance and one credit
        // more race each other; at most four fit, the rest are refused, and no balance goes below zero (checked below).
        var edge = expected[reseller.Id] / 5 + 1;
        var racing = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => api.TransferAsync(customers[i % customers.Count].ApiId, edge, "edge"))));
        for (var i = 0; i < racing.Length; i++)
        {
            Assert.True(racing[i].Status is HttpStatusCode.OK or HttpStatusCode.Conflict, racing[i].ToString());
            if (racing[i].Status == HttpStatusCode.OK)
            {
                expected[reseller.Id] -= edge;
                expected[customers[i % customers.Count].Id] += edge;
            }
        }

        Assert.InRange(racing.Count(a => a.Status == HttpStatusCode.OK), 0, 4);
        Assert.Contains(racing, a => a.Status == HttpStatusCode.Conflict);
        Assert.NotEmpty(sales);
        var total = 0L;
        foreach (var account in expected.Keys)
        {
            var (running, entries) = await LedgerChain.AssertChainsAsync(portal, account);
            Assert.Equal(expected[account], running);
            total += running;
            log($"account {account}: {entries} entries, balance {running}");
        }

        Assert.Equal(start + toppedUp - spent, total);
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
