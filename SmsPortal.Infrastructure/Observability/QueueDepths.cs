using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmsPortal.Domain.Pushes;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Observability;

/// <summary>
/// The two queues that live in the database (messages waiting for a channel, pushes waiting for an answer), counted
/// when a scrape asks and at most once per <see cref="MaxAge"/>: two counts on indexed columns every few seconds,
/// never a query per message.
/// </summary>
public sealed partial class QueueDepths(IDbContextFactory<SmsPortalDbContext> contexts, ILogger<QueueDepths> logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private (long Outbox, long Pushes) _last;
    private long _readAt;

    public (long Outbox, long Pushes) Read()
    {
        lock (_lock)
        {
            if (_readAt != 0 && Stopwatch.GetElapsedTime(_readAt) < MaxAge)
            {
                return _last;
            }

            try
            {
                using var db = contexts.CreateDbContext();
                var outbox = db.Messages.LongCount(m => m.Status == MessageStatus.Accepted || m.Status == MessageStatus.Dispatching);
                var pushes = db.PushOutbox.LongCount(p => p.State == PushState.Pending);
                _last = (outbox, pushes);
            }
            catch (Exception exception)
            {
                // A scrape must not fail for this: the last counts stand, and the next scrape tries again.
                LogFailed(logger, exception);
            }

            _readAt = Stopwatch.GetTimestamp();
            return _last;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The queue depths for /metrics could not be read; the last ones are shown")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
