using Microsoft.EntityFrameworkCore;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>Batch sends on PostgreSQL with two nodes on one database: each batch is run by one node at a time, every number sent once.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgresBatchTests : IAsyncLifetime
{
    private readonly PostgresPortalFactory _first;
    private readonly PortalFactory _second;

    public PostgresBatchTests()
    {
        _first = new PostgresPortalFactory();
        _first.Settings["Node:Name"] = "batch-node-a";
        _first.Settings["Batches:ChunkSize"] = "100";
        _second = _first.AnotherNode();
        _second.Settings["Node:Name"] = "batch-node-b";
        _second.Settings["Batches:ChunkSize"] = "100";
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task TwoNodesNeverRunOneBatchTogetherAndSendEveryNumberOnce()
    {
        var account = await TestAccounts.CreateAsync(_first, credits: 10_000);
        using var a = BatchApi.Client(_first, account);
        using var b = BatchApi.Client(_second, account);
        _ = _second.Server;

        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => BatchApi.CreateAsync(i % 2 == 0 ? a : b, BatchApi.Numbers("13" + (5 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), 1500))));

        // Who holds each batch, looked at while they run: a batch is held by one worker from start to end.
        var holders = ids.ToDictionary(id => id, _ => new HashSet<string>(StringComparer.Ordinal));
        await Eventually.HoldsAsync(async () =>
        {
            var rows = await _first.QueryAsync(db => db.SendBatches.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.HeldBy, x.State }).ToListAsync());
            foreach (var row in rows.Where(r => r.HeldBy is not null))
            {
                holders[row.Id].Add(row.HeldBy!);
            }

            return rows.All(r => r.State == SmsPortal.Domain.Sending.SendBatchState.Done);
        }, () => "every batch done", TimeSpan.FromMinutes(4));

        foreach (var id in ids)
        {
            var done = await BatchApi.GetAsync(a, id);
            Assert.Equal(1500, BatchApi.Submitted(done));
            Assert.Equal(1500, BatchApi.Accepted(done));
            Assert.True(holders[id].Count <= 1, $"batch {id} was held by {string.Join(", ", holders[id])}");
        }

        var nodes = holders.Values.SelectMany(h => h).Select(h => h.Split('/')[0]).Distinct().ToList();
        Assert.Equal(["batch-node-a", "batch-node-b"], nodes.Order(StringComparer.Ordinal));
        await BatchSendTests.AssertSentOnceAsync(_first, account.Id, 4 * 1500);
    }
}
