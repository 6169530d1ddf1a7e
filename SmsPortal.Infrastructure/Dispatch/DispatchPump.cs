using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>
/// The dispatch loop of a worker node: keeps up to <see cref="DispatchOptions.Batch"/> messages in flight, claiming
/// more as answers are stored (a pipeline, not batch after batch); woken by this node's acceptance writer and polling
/// for what other nodes accepted.
/// </summary>
internal sealed partial class DispatchPump(Dispatcher dispatcher, DispatchSignal signal, IOptions<DispatchOptions> options, ILogger<DispatchPump> logger) : BackgroundService
{
    private int _inFlight;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writer = dispatcher.RunAnswerWriterAsync(stoppingToken);
        var capacity = Math.Max(1, options.Value.Batch);

        // Claims are writes: take them in sizeable steps, not one per answer stored.
        var step = Math.Max(1, capacity / 4);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var room = capacity - Volatile.Read(ref _inFlight);
                if (room >= step || room == capacity)
                {
                    try
                    {
                        var claimed = await dispatcher.ClaimAsync(room, stoppingToken);
                        foreach (var message in claimed)
                        {
                            Interlocked.Increment(ref _inFlight);
                            _ = RunAsync(message, stoppingToken);
                        }

                        if (claimed.Count == room)
                        {
                            // Probably more waiting: claim again as soon as there is room.
                            continue;
                        }
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        LogFailed(logger, exception);
                        await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                    }
                }

                // Woken by an acceptance on this node or by an answer stored; else polling for other nodes' work.
                if (await signal.WaitAsync(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), stoppingToken)
                    && Volatile.Read(ref _inFlight) == 0 && options.Value.GatherMilliseconds > 0)
                {
                    // Woken while idle: let a few more commits land so one claim takes them together.
                    await Task.Delay(options.Value.GatherMilliseconds, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Messages still at their channel finish (their answers are stored) before the writer ends.
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (Volatile.Read(ref _inFlight) > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, CancellationToken.None);
            }

            dispatcher.CompleteAnswers();
            await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RunAsync(Domain.Sending.Message message, CancellationToken stoppingToken)
    {
        try
        {
            await dispatcher.DispatchAsync(message, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before its channel took it: the claim is released at the next start.
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            signal.Wake();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatch failed; the messages stay in the outbox and are tried again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
