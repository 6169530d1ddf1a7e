using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SmsPortal.Infrastructure.Channels;

/// <summary>"channels" on /health: Degraded when messages have nowhere to go (they wait), Healthy otherwise, with where they go.</summary>
internal sealed class ChannelsHealthCheck(ChannelSummaries summaries) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var summary = await summaries.ReadAsync(cancellationToken);
        return summary.Readiness is ChannelReadiness.NoChannel or ChannelReadiness.UnroutedWait
            ? HealthCheckResult.Degraded(summary.Description)
            : HealthCheckResult.Healthy(summary.Description);
    }
}
