using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
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
        services.AddHangfire((sp, hangfire) =>
        {
            hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseActivator(new ScopedJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));

            if (provider == DatabaseProvider.PostgreSql)
            {
                hangfire.UsePostgreSqlStorage(
                    o => o.UseNpgsqlConnection(configuration.GetConnectionString("Default")),
                    new PostgreSqlStorageOptions
                    {
                        SchemaName = "hangfire",
                        PrepareSchemaIfNecessary = true,
                        EnableLongPolling = true,
                        QueuePollInterval = TimeSpan.FromSeconds(5),
                    });
            }
            else
            {
                hangfire.UseInMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) });
            }
        });

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

    private sealed class ScopedJobActivator(IServiceScopeFactory scopes) : JobActivator
    {
        public override JobActivatorScope BeginScope(JobActivatorContext context) => new Scope(scopes.CreateScope());

        private sealed class Scope(IServiceScope scope) : JobActivatorScope
        {
            public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);

            public override void DisposeScope() => scope.Dispose();
        }
    }

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
