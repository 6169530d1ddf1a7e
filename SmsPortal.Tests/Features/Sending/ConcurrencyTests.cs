using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>Limits and credits hold when requests race: the database and the writer decide, not luck.</summary>
public abstract class ConcurrencyTestsBase<TPortal> : IAsyncLifetime where TPortal : PortalFactory, new()
{
    protected TPortal Portal { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Portal.DisposeAsync();

    [Fact]
    public async Task AThousandParallelSubmitsOnTenCreditsAcceptExactlyTen()
    {
        var account = await TestAccounts.CreateAsync(Portal, credits: 10);
        var api = new VendorClient(Portal.CreateClient());

        var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i =>
            api.SubmitAsync(account.ApiId, account.ApiKey, "136" + (20_000_001 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "1234", "1", json: i % 2 == 0)));

        Assert.Equal(10, answers.Count(a => a.Code == 2));
        Assert.Equal(990, answers.Count(a => a.Code == 4051));
        await using var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(10, await db.Messages.CountAsync(m => m.AccountId == account.Id));
        var entries = await db.LedgerEntries.Where(e => e.AccountId == account.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(entries.Sum(e => e.Amount), entries[^1].BalanceAfter);
        Assert.Equal(0, await new VendorClient(Portal.CreateClient()).CallAsync("GetNum", new Dictionary<string, string> { ["account"] = account.ApiId, ["password"] = account.ApiKey }) is { Num: var num } ? int.Parse(num!, System.Globalization.CultureInfo.InvariantCulture) : -1);
    }

    [Fact]
    public async Task ParallelSendsToOneNumberPassOnlyAsOftenAsTheLimit()
    {
        var account = await TestAccounts.CreateAsync(Portal, credits: 1000);
        var api = new VendorClient(Portal.CreateClient());

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => api.SubmitAsync(account.ApiId, account.ApiKey, "13512345678", $"{1000 + i}", "1")));

        // One a second, five a day: at most one per second can pass, and never more than five.
        var accepted = answers.Count(a => a.Code == 2);
        Assert.InRange(accepted, 1, 5);
        Assert.All(answers.Where(a => a.Code != 2), a => Assert.Contains(a.Code, new[] { 4080, 4085, 408 }));
        await using var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(accepted, await db.Messages.CountAsync(m => m.AccountId == account.Id && m.Mobile == "13512345678"));
        var perSecond = await db.Messages.Where(m => m.AccountId == account.Id).Select(m => m.AcceptedAt).ToListAsync();
        Assert.Equal(perSecond.Count, perSecond.Select(t => t.ToUnixTimeSeconds()).Distinct().Count());
    }
}

public sealed class SqliteConcurrencyTests : ConcurrencyTestsBase<PortalFactory>;

[Trait("Category", "PostgreSql")]
public sealed class PostgresConcurrencyTests : ConcurrencyTestsBase<PostgresPortalFactory>;
