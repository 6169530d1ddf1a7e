using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SmsPortal.Infrastructure.Channels;

/// <summary>Loads the registry at start (a wrong declared channel stops the start with its problems) and refreshes it every few seconds.</summary>
internal sealed partial class ChannelHost(ChannelRegistry registry, ILogger<ChannelHost> logger) : BackgroundService
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(3);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await registry.LoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await registry.RefreshAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRefreshFailed(logger, exception);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await registry.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing channels and routes failed; the current ones stay")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
