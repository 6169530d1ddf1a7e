using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SmsPortal.Infrastructure.Observability;

namespace SmsPortal.Web.Features.Observability;

/// <summary>Exports the platform's telemetry (decision 0033): metrics for a Prometheus scrape, traces to OTLP when an endpoint is set.</summary>
public static class ObservabilityComposition
{
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = TelemetryOptions.FromConfiguration(configuration);
        services.AddSingleton(settings);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("smsportal", serviceInstanceId: configuration["Node:Name"] ?? Environment.MachineName));
        if (settings.MetricsEnabled)
        {
            telemetry.WithMetrics(metrics => metrics
                .AddMeter(SmsPortalTelemetry.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter());
        }

        if (settings.OtlpEndpoint is { } endpoint)
        {
            // Off without an endpoint: then no span is even created (the pipeline checks for a listener first).
            telemetry.WithTracing(tracing => tracing
                .AddSource(SmsPortalTelemetry.SourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(TelemetryOptions.MetricsPath) && !http.Request.Path.StartsWithSegments("/health"))
                .AddOtlpExporter(otlp =>
                {
                    otlp.Endpoint = endpoint;
                    otlp.Protocol = settings.OtlpHttp ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                }));
        }

        return services;
    }

    /// <summary>/metrics on every node (workers hold the dispatch metrics), behind <see cref="MetricsAccess"/>.</summary>
    public static void MapMetrics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<TelemetryOptions>().MetricsEnabled)
        {
            app.MapPrometheusScrapingEndpoint(TelemetryOptions.MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(MetricsAccess.CheckAsync), optionsName: null);
        }
    }
}
