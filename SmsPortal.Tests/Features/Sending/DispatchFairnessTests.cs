using System.Globalization;
using SmsPortal.Domain.Sending;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>
/// Issue 12, finding 5 in the dispatch pump: one account's backlog does not hold another account's message back.
/// The channel is slow and dispatch holds few messages at once, so the backlog takes seconds to drain.
/// </summary>
public abstract class DispatchFairnessTestsBase<TPortal> : IAsyncLifetime where TPortal : PortalFactory, new()
{
    private const int Batch = 10;
    private const int Backlog = 2000;
    private readonly ScriptedChannels _channels = new();

    protected TPortal Portal { get; } = new();

    public Task InitializeAsync()
    {
        ScriptedChannels.Register(Portal, _channels);
        Portal.Settings["Channels:slow:Type"] = "Scripted";
        Portal.Settings["Channels:slow:DelayMilliseconds"] = "20";
        Portal.Settings["Dispatch:DefaultChannel"] = "slow";
        Portal.Settings["Dispatch:Batch"] = Batch.ToString(CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();

    [Fact]
    public async Task AnotherAccountsMessageGoesOutWithinTheFirstClaimsPastOneAccountsBacklog()
    {
        var flooding = await TestAccounts.CreateAsync(Portal, credits: 10);
        var other = await TestAccounts.CreateAsync(Portal, credits: 10);
        var acceptedAt = DateTimeOffset.UtcNow;
        await Portal.QueryAsync(db =>
        {
            db.Messages.AddRange(Enumerable.Range(0, Backlog).Select(i => new Message
            {
                AccountId = flooding.Id,
                Mobile = (13_600_000_000L + i).ToString(CultureInfo.InvariantCulture),
                Text = "【Acme】backlog " + i.ToString(CultureInfo.InvariantCulture),
                Parts = 1,
                Status = MessageStatus.Accepted,
                Door = SubmissionDoor.RestApi,
                AcceptedAt = acceptedAt,
            }));
            return db.SaveChangesAsync();
        });

        var answer = await new VendorClient(Portal.CreateClient()).SubmitAsync(other.ApiId, other.ApiKey, "13800138077", "2468", "1");
        Assert.Equal(2, answer.Code);
        var handedBefore = _channels.Handed.Count;
        var id = Message.IdOfSmsId(answer.SmsId!)!.Value;

        await Eventually.HoldsAsync(() => _channels.Handed.Any(h => h.Message.MessageId == id), TimeSpan.FromSeconds(60), "the other account's message reaches the channel");
        var ahead = _channels.Handed.TakeWhile(h => h.Message.MessageId != id).Count();

        // Oldest first, all 2,000 of the backlog would go ahead of it; fairly, at most the claims already made and the next.
        Assert.True(ahead <= handedBefore + (3 * Batch), $"{ahead} messages reached the channel before it, {handedBefore} of them before it was accepted");
        Assert.True(_channels.Handed.Count < Backlog, "the backlog was still waiting");
    }
}

public sealed class SqliteDispatchFairnessTests : DispatchFairnessTestsBase<PortalFactory>;

[Trait("Category", "PostgreSql")]
public sealed class PostgresDispatchFairnessTests : DispatchFairnessTestsBase<PostgresPortalFactory>;
