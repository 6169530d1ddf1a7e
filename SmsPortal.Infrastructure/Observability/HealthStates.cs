using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SmsPortal.Infrastructure.Observability;

/// <summary>
/// The health checks' last results, as the health check publisher runs them in the background (every 30 s by
/// default): the gauge shows what was found, a scrape runs no check itself.
/// </summary>
public sealed class HealthStates : IHealthCheckPublisher
{
    private volatile Measurement<int>[] _last = [];

    public IEnumerable<Measurement<int>> Read() => _last;

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        _last = [.. report.Entries.Select(e => new Measurement<int>(SmsPortalTelemetry.Level(e.Value.Status), new KeyValuePair<string, object?>("check", e.Key)))];
        return Task.CompletedTask;
    }
}
