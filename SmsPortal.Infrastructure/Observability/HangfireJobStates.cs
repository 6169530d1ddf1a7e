using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace SmsPortal.Infrastructure.Observability;

/// <summary>Hangfire's job counts by state, read from this host's job storage when a scrape asks, at most once per <see cref="QueueDepths.MaxAge"/>.</summary>
public sealed partial class HangfireJobStates(JobStorage storage, ILogger<HangfireJobStates> logger)
{
    private readonly Lock _lock = new();
    private Measurement<long>[] _last = [];
    private long _readAt;

    public IEnumerable<Measurement<long>> Read()
    {
        lock (_lock)
        {
            if (_readAt != 0 && Stopwatch.GetElapsedTime(_readAt) < QueueDepths.MaxAge)
            {
                return _last;
            }

            try
            {
                var statistics = storage.GetMonitoringApi().GetStatistics();
                _last =
                [
                    State("enqueued", statistics.Enqueued),
                    State("scheduled", statistics.Scheduled),
                    State("processing", statistics.Processing),
                    State("failed", statistics.Failed),
                    State("servers", statistics.Servers),
                ];
            }
            catch (Exception exception)
            {
                LogFailed(logger, exception);
            }

            _readAt = Stopwatch.GetTimestamp();
            return _last;
        }
    }

    private static Measurement<long> State(string state, long count) => new(count, new KeyValuePair<string, object?>("state", state));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hangfire's job counts for /metrics could not be read; the last ones are shown")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
