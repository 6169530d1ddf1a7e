using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SmsPortal.Infrastructure.Observability;

internal static class TelemetryRegistration
{
    /// <summary>The meter and what its gauges read; exporting them is the web layer's (AddObservability).</summary>
    public static void AddSmsPortalTelemetry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<SmsPortalTelemetry>();
        services.AddSingleton<QueueDepths>();
        services.AddSingleton<HangfireJobStates>();
        services.AddSingleton<HealthStates>();
        services.AddSingleton<IHealthCheckPublisher>(sp => sp.GetRequiredService<HealthStates>());
    }
}
