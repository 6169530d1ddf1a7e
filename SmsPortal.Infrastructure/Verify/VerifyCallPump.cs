using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SmsPortal.Infrastructure.Verify;

/// <summary>
/// Places the calls that are due (<see cref="VerifyCalls"/>) on worker nodes: at once when a start on this node asks for
/// one, and every second for fallbacks coming due and for calls written on other nodes. The due time is a column of the
/// verification, so a restart loses no call: the next node to poll finds it.
/// </summary>
internal sealed partial class VerifyCallPump(VerifyCalls calls, VerifyCallSignal signal, ILogger<VerifyCallPump> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (await calls.PlaceDueAsync(stoppingToken) > 0)
                    {
                        continue;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFailed(logger, exception);
                }

                await signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Placing due verification calls failed; trying again in a second")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
