using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>
/// The recurring Hangfire job that keeps the outbox honest: wakes the dispatch pump for accepted messages nobody took
/// (a restart with in-memory job storage), and expires, in batches, messages whose receipt never came and accepted
/// messages no channel took within the window, refunding them. Released claims are <see cref="ClaimKeeper"/>'s work.
/// </summary>
public sealed class OutboxSweep(
    IDbContextFactory<SmsPortalDbContext> contexts,
    DispatchSignal signal,
    ReceiptProcessor receipts,
    IOptions<DispatchOptions> options,
    TimeProvider clock)
{
    /// <summary>Messages one expiry transaction ends at most.</summary>
    public const int ExpiryBatch = 500;

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(60)]
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Messages.AnyAsync(m => m.Status == MessageStatus.Accepted, cancellationToken))
            {
                signal.Wake();
            }
        }

        var hours = options.Value.ExpireAfterHours;
        var before = clock.GetUtcNow().AddHours(-hours);
        foreach (var kind in new[] { ExpiryKind.NoReceipt, ExpiryKind.NotSent })
        {
            // Batches until none is left, each its own short transaction, so acceptance and receipts get their turns between.
            while (await receipts.ExpireAsync(kind, before, hours, ExpiryBatch, cancellationToken) == ExpiryBatch)
            {
            }
        }
    }
}
