using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>
/// Keeps the outbox moving: dispatches what the writer accepted at once (a job per commit), and sweeps for
/// accepted messages whose job was lost (a restart with in-memory job storage), claims a dead worker left
/// behind, and messages whose receipt never came.
/// </summary>
public sealed class OutboxSweep(
    IDbContextFactory<SmsPortalDbContext> contexts,
    IBackgroundJobClient jobs,
    ReceiptProcessor receipts,
    IOptions<DispatchOptions> options,
    TimeProvider clock)
{
    public const int Chunk = 200;

    public void DispatchSoon(IReadOnlyList<long> messageIds)
    {
        foreach (var chunk in messageIds.Chunk(Chunk))
        {
            jobs.Enqueue<DispatchJob>(job => job.DispatchAsync(chunk, CancellationToken.None));
        }
    }

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(60)]
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var releaseBefore = now.AddSeconds(-options.Value.ClaimTimeoutSeconds);
        await db.Messages.Where(m => m.Status == MessageStatus.Dispatching && m.SubmittedAt < releaseBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Accepted), cancellationToken);

        var acceptedBefore = now.AddSeconds(-options.Value.SweepAfterSeconds);
        var waiting = await db.Messages.Where(m => m.Status == MessageStatus.Accepted && m.AcceptedAt < acceptedBefore)
            .OrderBy(m => m.Id).Select(m => m.Id).Take(10_000).ToListAsync(cancellationToken);
        DispatchSoon(waiting);

        var expireBefore = now.AddHours(-options.Value.ExpireAfterHours);
        var stale = await db.Messages.Where(m => m.Status == MessageStatus.Submitted && m.SubmittedAt < expireBefore).OrderBy(m => m.Id).Take(1000).ToListAsync(cancellationToken);
        foreach (var message in stale)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await receipts.FinishAsync(db, message, MessageStatus.Expired, "no receipt", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            receipts.Announce(db, message);
        }
    }
}

/// <summary>Wires the writer to dispatch, runs the sweep once at start (what a restart left), and every minute after.</summary>
internal sealed class DispatchStarter(SubmissionWriter writer, OutboxSweep sweep, IRecurringJobManager recurring, IBackgroundJobClient jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        writer.Accepted += sweep.DispatchSoon;
        recurring.AddOrUpdate<OutboxSweep>("outbox-sweep", s => s.SweepAsync(CancellationToken.None), Cron.Minutely());
        jobs.Enqueue<OutboxSweep>(s => s.SweepAsync(CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        writer.Accepted -= sweep.DispatchSoon;
        return Task.CompletedTask;
    }
}
