using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>
/// Keeps dispatch claims honest across crashes: this worker writes a heartbeat every
/// <see cref="DispatchOptions.HeartbeatSeconds"/>, and releases the claims of workers that stopped: at start its own
/// predecessor's (the same node name, silent for two heartbeats), and any worker's silent for
/// <see cref="DispatchOptions.HolderTimeoutSeconds"/>. Released messages are Accepted again and sent once more;
/// only those a channel had taken and whose answer was not yet stored reach the upstream twice (at most its window).
/// </summary>
internal sealed partial class ClaimKeeper(
    IDbContextFactory<SmsPortalDbContext> contexts,
    WorkerIdentity worker,
    PipelineWriteTurn turn,
    DispatchSignal signal,
    IOptions<DispatchOptions> options,
    TimeProvider clock,
    ILogger<ClaimKeeper> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the pump's first claim: a claim must name a worker that is known to live.
        await BeatAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.HeartbeatSeconds)), clock);
        do
        {
            try
            {
                await BeatAsync(stoppingToken);
                if (await ReleaseAsync(stoppingToken) > 0)
                {
                    signal.Wake();
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // A clean stop: the pump has stored every answer; what is still claimed was never handed over.
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            using var _ = await turn.TakeAsync(db, cancellationToken);
            await db.Messages.Where(m => m.Status == MessageStatus.Dispatching && m.ClaimedBy == worker.Holder)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Accepted).SetProperty(m => m.ClaimedBy, (string?)null), cancellationToken);
            await db.WorkerInstances.Where(w => w.Id == worker.Holder).ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception);
        }
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var _ = await turn.TakeAsync(db, cancellationToken);
        if (await db.WorkerInstances.Where(w => w.Id == worker.Holder).ExecuteUpdateAsync(s => s.SetProperty(w => w.SeenAt, now), cancellationToken) == 0)
        {
            db.WorkerInstances.Add(new WorkerInstance { Id = worker.Holder, Node = worker.Node, StartedAt = now, SeenAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Releases the claims of workers that stopped; returns how many messages are Accepted again.</summary>
    internal async Task<int> ReleaseAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var beat = TimeSpan.FromSeconds(Math.Max(1, options.Value.HeartbeatSeconds));
        var deadBefore = now.AddSeconds(-options.Value.HolderTimeoutSeconds);
        var predecessorBefore = now - (beat * 2) - TimeSpan.FromSeconds(1);
        var legacyBefore = now.AddSeconds(-options.Value.ClaimTimeoutSeconds);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = worker.Holder;
        var node = worker.Node;
        var dead = await db.WorkerInstances.AsNoTracking()
            .Where(w => w.Id != me && (w.SeenAt < deadBefore || (w.Node == node && w.SeenAt < predecessorBefore)))
            .Select(w => w.Id).ToListAsync(cancellationToken);
        using var _ = await turn.TakeAsync(db, cancellationToken);
        var released = 0;
        if (dead.Count > 0)
        {
            released += await db.Messages.Where(m => m.Status == MessageStatus.Dispatching && m.ClaimedBy != null && dead.Contains(m.ClaimedBy))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Accepted).SetProperty(m => m.ClaimedBy, (string?)null), cancellationToken);
            await db.WorkerInstances.Where(w => dead.Contains(w.Id)).ExecuteDeleteAsync(cancellationToken);
            LogReleased(logger, released, string.Join(", ", dead));
        }

        // Claims naming no worker that is known (its row is gone) or none at all (taken before claims had holders).
        released += await db.Messages
            .Where(m => m.Status == MessageStatus.Dispatching
                && ((m.ClaimedBy != null && m.SubmittedAt < deadBefore && !db.WorkerInstances.Any(w => w.Id == m.ClaimedBy))
                    || (m.ClaimedBy == null && m.SubmittedAt < legacyBefore)))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Accepted).SetProperty(m => m.ClaimedBy, (string?)null), cancellationToken);
        return released;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Released {Count} dispatch claims of stopped workers ({Workers}); they are sent again")]
    private static partial void LogReleased(ILogger logger, int count, string workers);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatch heartbeat or claim release failed; trying again at the next beat")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
