using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Pushes;
using SmsPortal.Infrastructure.Observability;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Pushes;

/// <summary>
/// Sends the push outbox in the vendor's form: a form-encoded POST acknowledged by the body <c>success</c>, signed
/// with <c>X-SmsPortal-Signature: sha256=…</c> (an HMAC of the body with the account's push secret). Keep-alive
/// connections from one named client, a bounded number in flight per receiver and in all; a push not acknowledged
/// is tried again after a growing gap, <see cref="PushPumpOptions.MaxAttempts"/> times at most. Each outcome is
/// written back to its row in short batches.
/// </summary>
internal sealed partial class PushPump(
    PushOutbox outbox,
    PushStore store,
    PushSecrets secrets,
    IDbContextFactory<SmsPortalDbContext> contexts,
    IHttpClientFactory http,
    IOptions<PushPumpOptions> options,
    TimeProvider clock,
    SmsPortalTelemetry telemetry,
    ILogger<PushPump> logger) : BackgroundService
{
    private readonly Channel<PushResult> _results = Channel.CreateUnbounded<PushResult>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _perUrl = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, byte> _inFlight = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recording = RecordLoopAsync(stoppingToken);
        var polling = PollLoopAsync(stoppingToken);
        using var slots = new SemaphoreSlim(options.Value.MaxInFlight, options.Value.MaxInFlight);
        try
        {
            await foreach (var entry in outbox.Ready.ReadAllAsync(stoppingToken))
            {
                if (!_inFlight.TryAdd(entry.Id, 0))
                {
                    continue;
                }

                await slots.WaitAsync(stoppingToken);
                _ = SendAsync(entry, slots, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        _results.Writer.TryComplete();
        await Task.WhenAll(recording, polling);
    }

    private async Task SendAsync(PushOutboxEntry entry, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        var perUrl = _perUrl.GetOrAdd(Receiver(entry.Url), _ => new SemaphoreSlim(options.Value.MaxInFlightPerUrl, options.Value.MaxInFlightPerUrl));
        try
        {
            await perUrl.WaitAsync(stoppingToken);
            string answer;
            bool acknowledged;
            using var activity = entry.MessageId is { } messageId ? MessageTrace.Start("sms push", messageId, ActivityKind.Client) : null;
            try
            {
                (acknowledged, answer) = await PostAsync(entry, stoppingToken);
            }
            finally
            {
                perUrl.Release();
            }

            var attempts = entry.Attempts + 1;
            var now = clock.GetUtcNow();
            PushResult result;
            if (acknowledged)
            {
                LogDelivered(logger, entry.Kind, entry.AccountId, attempts);
                result = new PushResult(entry.Id, PushState.Delivered, attempts, entry.DueAtMs, now.ToUnixTimeMilliseconds(), answer);
            }
            else if (attempts >= options.Value.MaxAttempts)
            {
                LogGaveUp(logger, entry.Kind, entry.AccountId, attempts, answer);
                result = new PushResult(entry.Id, PushState.GaveUp, attempts, entry.DueAtMs, now.ToUnixTimeMilliseconds(), answer);
            }
            else
            {
                LogRetry(logger, entry.Kind, entry.AccountId, attempts, answer);
                var due = now + (TimeSpan.FromSeconds(options.Value.GapSeconds) * attempts);
                result = new PushResult(entry.Id, PushState.Pending, attempts, due.ToUnixTimeMilliseconds(), null, answer);
            }

            telemetry.Pushed(entry.Kind, result.State);
            if (activity is not null)
            {
                activity.SetTag("sms.push.kind", entry.Kind.ToString());
                activity.SetTag("sms.push.attempt", attempts);
                activity.SetTag("sms.push.outcome", result.State.ToString());
                if (!acknowledged)
                {
                    activity.SetStatus(ActivityStatusCode.Error, answer);
                }
            }

            _results.Writer.TryWrite(result);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the row stays pending and is taken again after its lease.
        }
        finally
        {
            _inFlight.TryRemove(entry.Id, out _);
            slots.Release();
        }
    }

    private async Task<(bool Acknowledged, string Answer)> PostAsync(PushOutboxEntry entry, CancellationToken stoppingToken)
    {
        try
        {
            var bytes = Encoding.UTF8.GetBytes(entry.Body);
            using var request = new HttpRequestMessage(HttpMethod.Post, entry.Url) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new("application/x-www-form-urlencoded") { CharSet = "utf-8" };
            var secret = await secrets.ForSigningAsync(contexts, entry.AccountId, stoppingToken);
            request.Headers.Add("X-SmsPortal-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), bytes)));
            using var response = await http.CreateClient(PushOutbox.HttpClientName).SendAsync(request, stoppingToken);
            var answer = (await response.Content.ReadAsStringAsync(stoppingToken)).Trim();
            return response.IsSuccessStatusCode && string.Equals(answer, "success", StringComparison.OrdinalIgnoreCase)
                ? (true, "success")
                : (false, $"HTTP {(int)response.StatusCode}: {(answer.Length <= 100 ? answer : answer[..100])}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            return (false, exception.GetType().Name + ": " + exception.Message);
        }
    }

    /// <summary>Writes outcomes back in batches; a failed write is tried again (an outcome is only ever a later state).</summary>
    private async Task RecordLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PushResult>();
        var reader = _results.Reader;
        while (batch.Count > 0 || await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < 1000 && reader.TryRead(out var result))
            {
                batch.Add(result);
            }

            try
            {
                await store.RecordAsync(batch, CancellationToken.None);
                batch.Clear();
            }
            catch (Exception exception)
            {
                LogRecordFailed(logger, batch.Count, exception);
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }

    /// <summary>Takes pushes that are due again (retries; rows whose writer died or had no room) and hands them to the sender.</summary>
    private async Task PollLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var now = clock.GetUtcNow();
                    var due = await store.ClaimDueAsync(now.ToUnixTimeMilliseconds(), (now + outbox.Lease).ToUnixTimeMilliseconds(), 500, stoppingToken);
                    foreach (var entry in due)
                    {
                        await outbox.RequeueAsync(entry, stoppingToken);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogPollFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Receiver(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : url;

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} push for account {AccountId} acknowledged on attempt {Attempt}")]
    private static partial void LogDelivered(ILogger logger, PushKind kind, int accountId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} push for account {AccountId} not acknowledged on attempt {Attempt} ({Outcome}); trying again later")]
    private static partial void LogRetry(ILogger logger, PushKind kind, int accountId, int attempt, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} push for account {AccountId} given up after {Attempt} attempts ({Outcome})")]
    private static partial void LogGaveUp(ILogger logger, PushKind kind, int accountId, int attempt, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} push outcomes could not be written; trying again")]
    private static partial void LogRecordFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The push outbox could not be read; trying again at the next poll")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
