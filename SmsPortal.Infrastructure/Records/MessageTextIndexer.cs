using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SmsPortal.Infrastructure.Records;

/// <summary>
/// Keeps the records' text index on SQLite up to the newest messages (<see cref="MessageTextIndex"/>): every few seconds
/// (<c>Records:TextIndexSeconds</c>, default 5) it indexes what was accepted since, a batch a transaction. The messages
/// it has not reached yet are searched by the scan, so a search never misses one. <c>Records:TextIndex=false</c> stops
/// it (the bench indexes in a step of its own); on PostgreSQL it has nothing to do.
/// </summary>
internal sealed partial class MessageTextIndexer(MessageTextIndex index, IConfiguration configuration, ILogger<MessageTextIndexer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Records:TextIndex", true))
        {
            return;
        }

        var every = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Records:TextIndexSeconds", 5)));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await index.CatchUpAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFailed(logger, exception);
                }

                await Task.Delay(every, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Indexing the records' text failed; trying again at the next step")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
