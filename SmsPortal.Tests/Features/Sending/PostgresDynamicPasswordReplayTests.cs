using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>Issue 12, finding 11 across nodes: two portals on one PostgreSQL database let one dynamic password in once.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgresDynamicPasswordReplayTests : IAsyncLifetime
{
    private readonly PostgresPortalFactory _first;
    private readonly PortalFactory _second;

    public PostgresDynamicPasswordReplayTests()
    {
        _first = new PostgresPortalFactory();
        _second = _first.AnotherNode();
    }

    public Task InitializeAsync()
    {
        // Nineteen replays of one API ID count as failures: keep them below the lockout, which is not the point here.
        foreach (var node in new[] { _first, _second })
        {
            node.Settings["RateLimits:FailuresPerApiIdBeforeLockout"] = "100";
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task ADynamicPasswordSentToTwoNodesAtOnceIsAcceptedOnce()
    {
        var account = await TestAccounts.CreateAsync(_first, credits: 50);
        var nodes = new[] { new VendorClient(_first.CreateClient()), new VendorClient(_second.CreateClient()) };
        var time = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var hash = DynamicPassword.ForSubmit(account.ApiId, account.ApiKey, "13800138020", "1234", time);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            nodes[i % 2].SubmitAsync(account.ApiId, hash, "13800138020", "1234", "1", time: time, clientIp: $"198.51.100.{i + 1}")));

        Assert.Equal(1, answers.Count(a => a.Code == 2));
        Assert.Equal(19, answers.Count(a => a.Code == 40502));
        Assert.Equal(1, await _first.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == account.Id)));
    }
}
