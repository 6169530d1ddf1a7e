using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace SmsPortal.Infrastructure.Statistics;

/// <summary>
/// Schedules the daily rollups' fold every ten minutes (a day is folded in the first run after its end and grace).
/// <c>Statistics:Rollups=false</c> leaves it unscheduled (the statistics then count every day from the messages); the
/// tests do, because they write messages into past days, which a running portal never does.
/// </summary>
internal sealed class DayRollupsStarter(IRecurringJobManager recurring, IConfiguration configuration) : IHostedService
{
    public const string JobId = "statistics-rollups";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetValue("Statistics:Rollups", true))
        {
            recurring.AddOrUpdate<DayRollups>(JobId, r => r.RunAsync(CancellationToken.None), "*/10 * * * *");
        }
        else
        {
            recurring.RemoveIfExists(JobId);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
