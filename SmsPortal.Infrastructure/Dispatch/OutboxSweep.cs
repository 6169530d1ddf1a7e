using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>
/// The recurring Hangfire job that keeps the outbox honest: releases claims a dead worker left behind,
/// wakes the dispatch pump for accepted messages nobody took (a restart with in-memory job storage), and
/// expires messages whose receipt never came, refunding them.
/// </summary>
public sealed class OutboxSweep(
    IDbContextFactory<SmsPortalDbContext> contexts,
    DispatchSignal signal,
    ReceiptProcessor receipts,
    IOptions<DispatchOptions> options,
    TimeProvider clock)
{

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(60)]
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var releaseBefore = now.AddSeconds(-options.Value.ClaimTimeoutSeconds);
        await db.Messages.Where(m => m.Status == MessageStatus.Dispatching && m.SubmittedAt < releaseBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Accepted), cancellationToken);

        if (await db.Messages.AnyAsync(m => m.Status == MessageStatus.Accepted, cancellationToken))
        {
            signal.Wake();
        }

        var expireBefore = now.AddHours(-options.Value.ExpireAfterHours);
        var stale = await db.Messages.Where(m => m.Status == MessageStatus.Submitted && m.SubmittedAt < expireBefore).OrderBy(m => m.Id).Take(1000).ToListAsync(cancellationToken);
        foreach (var message in stale)
        {
            await ExpireAsync(db, message, "no receipt", cancellationToken);
        }

        // Accepted messages no channel took in that time (their channels stayed down): claimed like dispatch claims
        // them, so a dispatcher cannot send one while it expires, then ended and refunded.
        var marker = DateTimeOffset.UnixEpoch.AddTicks(Random.Shared.NextInt64(1, TimeSpan.TicksPerDay));
        var unsent = await db.Messages.Where(m => m.Status == MessageStatus.Accepted && m.AcceptedAt < expireBefore).OrderBy(m => m.Id).Select(m => m.Id).Take(1000).ToListAsync(cancellationToken);
        await db.Messages.Where(m => unsent.Contains(m.Id) && m.Status == MessageStatus.Accepted)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Dispatching).SetProperty(m => m.SubmittedAt, marker), cancellationToken);
        foreach (var message in await db.Messages.Where(m => m.Status == MessageStatus.Dispatching && m.SubmittedAt == marker).ToListAsync(cancellationToken))
        {
            message.SubmittedAt = null;
            await ExpireAsync(db, message, $"not sent: no channel took it within {options.Value.ExpireAfterHours} h ({message.UpstreamStatus})", cancellationToken);
        }
    }

    /// <summary>Ends one message as expired with its refund, then pushes its receipt.</summary>
    private async Task ExpireAsync(SmsPortalDbContext db, Message message, string raw, CancellationToken cancellationToken)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await receipts.FinishAsync(db, message, MessageStatus.Expired, raw, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        receipts.Announce((message, await db.Accounts.Where(a => a.Id == message.AccountId).Select(a => a.ReceiptPushUrl).SingleAsync(cancellationToken)));
    }
}

/// <summary>Wakes the dispatch pump of this node; accepted work from other nodes is found by its polling.</summary>
public sealed class DispatchSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    public void Wake(IReadOnlyList<long> acceptedIds) => Wake();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// The dispatch loop of a worker node: woken by this node's acceptance writer, and polling for what other
/// nodes accepted; drains the outbox in batches.
/// </summary>
internal sealed partial class DispatchPump(Dispatcher dispatcher, DispatchSignal signal, IOptions<DispatchOptions> options, ILogger<DispatchPump> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await dispatcher.DispatchWaitingAsync(options.Value.Batch, stoppingToken) > 0)
                {
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }

            if (await signal.WaitAsync(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), stoppingToken) && options.Value.GatherMilliseconds > 0)
            {
                // Woken by a commit: let a few more commits land so one claim takes them all (each run is two
                // write transactions on the same database the acceptance writer needs).
                await Task.Delay(options.Value.GatherMilliseconds, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatch failed; the messages stay in the outbox and are tried again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>Wires acceptance to dispatch, applies receipts, and schedules the sweep (once at start for what a restart left, then every minute).</summary>
internal sealed class DispatchStarter(SubmissionWriter writer, DispatchSignal signal, ReceiptProcessor receipts, IRecurringJobManager recurring, IBackgroundJobClient jobs) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => receipts.RunAsync(stoppingToken);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        writer.Accepted += signal.Wake;
        recurring.AddOrUpdate<OutboxSweep>("outbox-sweep", s => s.SweepAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<Billing.Alerts.LowBalanceAlertJob>("low-balance-alerts", j => j.CheckAsync(CancellationToken.None), Cron.Minutely());
        jobs.Enqueue<OutboxSweep>(s => s.SweepAsync(CancellationToken.None));
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        writer.Accepted -= signal.Wake;
        return base.StopAsync(cancellationToken);
    }
}
