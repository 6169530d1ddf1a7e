using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Jobs;

internal static class JobsRegistration
{
    /// <summary>
    /// Hangfire on the storage that suits the database (docs/decisions/0002-hangfire-storage-per-provider.md).
    /// In memory on SQLite: the outbox sweep finds work a restart lost. On PostgreSQL: its own storage,
    /// with LISTEN/NOTIFY so a worker starts a job as soon as it is enqueued instead of at the next poll.
    /// </summary>
    public static void AddSmsPortalJobs(this IServiceCollection services, IConfiguration configuration, DatabaseProvider provider, NodeOptions node)
    {
        // The storage belongs to this host, not to Hangfire's static JobStorage.Current: a process that
        // hosts two portals (the tests do) must not let one's jobs run against the other's database.
        services.AddSingleton<JobStorage>(_ => provider == DatabaseProvider.PostgreSql
            ? new PostgreSqlStorage(
                new NpgsqlConnectionFactory(configuration.GetConnectionString("Default"), PostgresStorageOptions),
                PostgresStorageOptions)
            : new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) }));
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));

        if (node.RunsWorker)
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = node.WorkerCount > 0 ? node.WorkerCount : Math.Max(4, Environment.ProcessorCount * 2);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                o.Queues = ["critical", "default"];
            });
        }

        services.AddHealthChecks().AddCheck<JobStorageHealthCheck>("jobs");
    }

    private static readonly PostgreSqlStorageOptions PostgresStorageOptions = new()
    {
        SchemaName = "hangfire",
        PrepareSchemaIfNecessary = true,
        EnableLongPolling = true,
        QueuePollInterval = TimeSpan.FromSeconds(5),
    };

    private sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var statistics = storage.GetMonitoringApi().GetStatistics();
                return Task.FromResult(HealthCheckResult.Healthy($"{statistics.Servers} job servers, {statistics.Enqueued} enqueued"));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy("Job storage does not answer", exception));
            }
        }
    }
}
