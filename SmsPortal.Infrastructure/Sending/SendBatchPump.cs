using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Dispatch;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>
/// Runs batch sends on worker nodes (decision 0036). A batch that is due is taken with a conditional update that names
/// this worker and a hold time, so on several nodes one runs it at a time; the hold is renewed before every chunk, which
/// is also where a pause or a cancel stops it. Each chunk's undecided numbers go through the one submission service,
/// and each number's outcome is written in the transaction that decides it, so after a crash the next worker (this
/// node's successor at once, any other once the hold has run out) goes on exactly after the last committed number.
/// </summary>
internal sealed partial class SendBatchPump(
    IDbContextFactory<SmsPortalDbContext> contexts,
    SubmissionService submissions,
    SendingProfiles profiles,
    WorkerIdentity worker,
    PipelineWriteTurn turn,
    SendBatchSignal signal,
    IOptions<SendBatchOptions> options,
    TimeProvider clock,
    ILogger<SendBatchPump> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ReleasePredecessorsAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (await TakeDueAsync(stoppingToken) is { } batchId)
                    {
                        await RunAsync(batchId, stoppingToken);
                        continue;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFailed(logger, exception);
                }

                await signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // A clean stop lets the batch go at once instead of after its hold; every answer of the last chunk is stored.
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            using var _ = await turn.TakeAsync(db, cancellationToken);
            await db.SendBatches.Where(b => b.HeldBy == worker.Holder).ExecuteUpdateAsync(s => s.SetProperty(b => b.HeldBy, (string?)null).SetProperty(b => b.HeldUntil, (DateTimeOffset?)null), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception);
        }
    }

    /// <summary>A restarted process lets go of what its predecessor on this node held (the same node name, another instance).</summary>
    private async Task ReleasePredecessorsAsync(CancellationToken cancellationToken)
    {
        var prefix = worker.Node + "/";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var _ = await turn.TakeAsync(db, cancellationToken);
        await db.SendBatches
            .Where(b => b.HeldBy != null && b.HeldBy.StartsWith(prefix) && b.HeldBy != worker.Holder)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.HeldBy, (string?)null).SetProperty(b => b.HeldUntil, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>Takes the batch due longest, if any: Scheduled or Running, its time come, held by no live worker.</summary>
    private async Task<int?> TakeDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await Due(db, now).OrderBy(b => b.ScheduledAt).ThenBy(b => b.Id).Select(b => b.Id).Take(5).ToListAsync(cancellationToken);
        foreach (var id in candidates)
        {
            using var _ = await turn.TakeAsync(db, cancellationToken);
            var until = now.AddSeconds(options.Value.HoldSeconds);
            var taken = await Due(db, now).Where(b => b.Id == id).ExecuteUpdateAsync(
                s => s.SetProperty(b => b.State, SendBatchState.Running)
                    .SetProperty(b => b.HeldBy, worker.Holder)
                    .SetProperty(b => b.HeldUntil, until)
                    .SetProperty(b => b.StartedAt, b => b.StartedAt ?? now),
                cancellationToken);
            if (taken == 1)
            {
                return id;
            }
        }

        return null;
    }

    private static IQueryable<SendBatch> Due(SmsPortalDbContext db, DateTimeOffset now) =>
        db.SendBatches.Where(b => (b.State == SendBatchState.Scheduled || b.State == SendBatchState.Running)
            && b.ScheduledAt <= now
            && (b.HeldBy == null || b.HeldUntil < now));

    private async Task RunAsync(int batchId, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await RenewAsync(db, batchId, cancellationToken))
            {
                return;
            }

            var chunk = await db.SendBatchNumbers.AsNoTracking()
                .Where(n => n.BatchId == batchId && n.Code == null)
                .OrderBy(n => n.Id)
                .Take(options.Value.ChunkSize)
                .Select(n => new { n.Id, n.Mobile })
                .ToListAsync(cancellationToken);
            var batch = await db.SendBatches.AsNoTracking().Where(b => b.Id == batchId).Select(b => new { b.AccountId, b.Door, b.Content, b.TemplateId }).SingleAsync(cancellationToken);
            if (chunk.Count == 0)
            {
                await FinishAsync(db, batchId, cancellationToken);
                return;
            }

            // Read per chunk: approvals, freezes and limits changed meanwhile apply to the rest of the batch.
            var profile = await profiles.FindByAccountIdAsync(batch.AccountId, cancellationToken);
            var template = batch.TemplateId?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var answers = await Task.WhenAll(chunk.Select(async n =>
            {
                if (profile is null)
                {
                    return (n.Id, Result: (SubmitResult?)new SubmitResult(ResultCode.BadCredentials));
                }

                try
                {
                    return (n.Id, Result: (SubmitResult?)await submissions.SubmitBatchNumberAsync(profile, batch.Door, n.Mobile, batch.Content, template, n.Id, cancellationToken));
                }
                catch (SubmissionQueueFullException)
                {
                    // Not decided: the number stays undecided and is taken again with the next chunk.
                    return (n.Id, Result: (SubmitResult?)null);
                }
            }));

            await RecordRefusalsAsync(db, answers.Where(a => a.Result is not null).Select(a => (a.Id, a.Result!)).ToList(), cancellationToken);
            if (answers.Any(a => a.Result is null))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), clock, cancellationToken);
            }
        }
    }

    /// <summary>Renews this worker's hold; false when the batch was paused, cancelled or taken over (then this worker stops).</summary>
    private async Task<bool> RenewAsync(SmsPortalDbContext db, int batchId, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow().AddSeconds(options.Value.HoldSeconds);
        using var _ = await turn.TakeAsync(db, cancellationToken);
        return await db.SendBatches
            .Where(b => b.Id == batchId && b.State == SendBatchState.Running && b.HeldBy == worker.Holder)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.HeldUntil, until), cancellationToken) == 1;
    }

    /// <summary>
    /// The refusals decided before the writer (number, content, account, abuse rules: nothing was written for them) get
    /// their code here; what the writer decided is written already and is left alone (only undecided rows change).
    /// </summary>
    private async Task RecordRefusalsAsync(SmsPortalDbContext db, List<(long Id, SubmitResult Result)> answers, CancellationToken cancellationToken)
    {
        using var _ = await turn.TakeAsync(db, cancellationToken);
        foreach (var group in answers.Where(a => !a.Result.IsAccepted).GroupBy(a => (int)a.Result.Code))
        {
            var ids = group.Select(a => a.Id).ToArray();
            var code = group.Key;
            await db.SendBatchNumbers.Where(n => ids.Contains(n.Id) && n.Code == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.Code, code), cancellationToken);
        }
    }

    private async Task FinishAsync(SmsPortalDbContext db, int batchId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        using var _ = await turn.TakeAsync(db, cancellationToken);
        if (await db.SendBatches
            .Where(b => b.Id == batchId && b.State == SendBatchState.Running && b.HeldBy == worker.Holder)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.State, SendBatchState.Done).SetProperty(b => b.FinishedAt, now).SetProperty(b => b.HeldBy, (string?)null).SetProperty(b => b.HeldUntil, (DateTimeOffset?)null), cancellationToken) == 1)
        {
            LogDone(logger, batchId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch send {BatchId} is done: every number was decided")]
    private static partial void LogDone(ILogger logger, int batchId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Running batch sends failed; trying again in a second")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
