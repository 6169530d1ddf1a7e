using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SmsPortal.Domain.Channels;
using SmsPortal.Domain.Sending;
using System.Diagnostics;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Observability;
using SmsPortal.Infrastructure.Pushes;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>
/// Hands claimed messages to their channels and stores each channel's answer as it comes (in short batches), never
/// only after a whole claim: a crash re-sends at most what was handed over and not yet stored. Per channel, the
/// messages handed over and not yet stored are at most the channel's window, so that is all a crash can send twice.
/// A message is claimed first (Accepted → Dispatching, naming its holder), so two workers never send it both.
/// </summary>
public sealed partial class Dispatcher
{
    public const int MaxAttempts = 5;

    /// <summary>How long a message waits when none of its channels is up (not counted as an attempt).</summary>
    public static readonly TimeSpan ChannelsDownWait = TimeSpan.FromSeconds(5);

    private readonly IDispatchStore _store;
    private readonly ChannelRouter _router;
    private readonly PushOutbox _outbox;
    private readonly WorkerIdentity _worker;
    private readonly TimeProvider _clock;
    private readonly SmsPortalTelemetry _telemetry;
    private readonly ILogger<Dispatcher> _logger;
    private readonly Channel<PendingResult> _answers = Channel.CreateUnbounded<PendingResult>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    private int _inFlight;

    internal Dispatcher(IDispatchStore store, ChannelRouter router, PushOutbox outbox, WorkerIdentity worker, TimeProvider clock, SmsPortalTelemetry telemetry, ILogger<Dispatcher> logger)
    {
        _telemetry = telemetry;
        _store = store;
        _router = router;
        _outbox = outbox;
        _worker = worker;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Claims up to <paramref name="max"/> accepted messages that are due, for this worker.</summary>
    public Task<IReadOnlyList<Message>> ClaimAsync(int max, CancellationToken cancellationToken) =>
        _store.ClaimAsync(_worker.Holder, max, _clock.GetUtcNow(), cancellationToken);

    /// <summary>Messages this dispatcher holds now: at a channel, or waiting for their answer to be stored.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Sends one claimed message through its routes and returns once what came of it is stored.</summary>
    public async Task DispatchAsync(Message message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        using var activity = MessageTrace.Start("sms dispatch", message.Id);
        try
        {
            var (result, gate) = await SendAsync(message, cancellationToken);
            activity?.SetTag("sms.status", result.Status.ToString());
            activity?.SetTag("sms.channel", result.Channel);
            activity?.SetTag("sms.attempt", message.DispatchAttempts + 1);
            try
            {
                var pending = new PendingResult(result);
                _answers.Writer.TryWrite(pending);

                // Not the caller's token: an answer the channel gave must be stored even while stopping.
                await pending.Stored.Task;
            }
            finally
            {
                gate?.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Stores channel answers as they come, many per transaction; a failed write is tried again, never dropped.</summary>
    public async Task RunAnswerWriterAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingResult>();
        var reader = _answers.Reader;
        var wait = TimeSpan.FromMilliseconds(100);
        // Runs until the pump completes the queue after its last dispatch: answers given while stopping are stored too.
        while (batch.Count > 0 || await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < 1000 && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                var pushes = await _store.StoreAsync(batch.ConvertAll(p => p.Result), CancellationToken.None);
                _outbox.Committed(pushes);
                foreach (var pending in batch)
                {
                    pending.Stored.TrySetResult();
                }

                batch.Clear();
                wait = TimeSpan.FromMilliseconds(100);
            }
            catch (Exception exception)
            {
                // The answers stay in memory and their window slots stay taken (the channel slows to a stop rather
                // than sending what it cannot record); their claims stay this worker's, so nobody re-sends them.
                LogStoreFailed(_logger, batch.Count, exception);
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                await Task.Delay(wait, CancellationToken.None);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
            }
        }
    }

    /// <summary>After the last dispatch: the writer stores what is queued and ends.</summary>
    internal void CompleteAnswers() => _answers.Writer.TryComplete();

    /// <summary>
    /// Tries the message's routes in order: a channel that is down is skipped, one that refuses or is busy hands
    /// the message to the next (failover). Refused by all → failed; busy or down somewhere → tried again later.
    /// When a channel took it, the channel's gate slot is returned held: it is released once the answer is stored.
    /// </summary>
    private async Task<(ChannelResult Result, Gate? Held)> SendAsync(Message message, CancellationToken cancellationToken)
    {
        var outbound = new OutboundMessage(message.Id, message.SmsId, message.Mobile, message.Text, message.Parts);
        var problems = new List<string>();
        string? last = null;
        var later = false;
        var tried = false;
        foreach (var (channel, route) in _router.Candidates(message))
        {
            var status = channel.Status;
            if (!status.Up)
            {
                problems.Add($"{channel.Name}: {status.State}");
                later = true;
                continue;
            }

            tried = true;
            last = channel.Name;
            var gate = GateOf(channel, status);
            await gate.WaitAsync(cancellationToken);
            ChannelAnswer answer;
            var submit = Activity.Current is null ? null : SmsPortalTelemetry.Source.StartActivity("sms channel submit", ActivityKind.Client);
            try
            {
                submit?.SetTag("sms.channel", channel.Name);
                answer = await channel.SubmitAsync(outbound, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogChannelFailed(_logger, channel.Name, message.Id, exception);
                answer = new ChannelAnswer(ChannelOutcome.TryLater, null, exception.GetType().Name + ": " + exception.Message);
            }
            catch
            {
                submit?.Dispose();
                gate.Release();
                throw;
            }

            if (submit is not null)
            {
                submit.SetTag("sms.outcome", answer.Outcome.ToString());
                submit.SetTag("sms.upstream_id", answer.UpstreamId);
                if (answer.Outcome is ChannelOutcome.Rejected or ChannelOutcome.TryLater)
                {
                    submit.SetStatus(ActivityStatusCode.Error, answer.Raw);
                }

                submit.Dispose();
            }

            if (answer.Outcome is ChannelOutcome.Accepted or ChannelOutcome.Unknown)
            {
                // Unknown: the upstream may have it, so it is never sent again; a receipt settles it, or the expiry sweep does.
                var raw = problems.Count == 0 ? answer.Raw : $"{answer.Raw} (after {string.Join("; ", problems)})";
                var took = _clock.GetUtcNow();
                _telemetry.ChannelTook(channel.Name, message.AcceptedAt, took);
                return (new ChannelResult(message, MessageStatus.Submitted, channel.Name, answer.UpstreamId, raw, route?.CostPerPart * message.Parts, took, null, true), gate);
            }

            gate.Release();
            later |= answer.Outcome == ChannelOutcome.TryLater;
            problems.Add($"{channel.Name}: {answer.Raw}");
        }

        var text = problems.Count == 0 ? "no channel for this message" : string.Join("; ", problems);
        var now = _clock.GetUtcNow();
        if (problems.Count == 0 && RoutePrefix.IsAbroadNumber(message.Mobile))
        {
            // No route names this country: waiting would not change that, so the message fails now and is refunded.
            _telemetry.NotTaken(null, retry: false);
            var country = message.Mobile[..message.Mobile.IndexOf(' ', StringComparison.Ordinal)];
            return (new ChannelResult(message, MessageStatus.Failed, null, null, $"no route for +{country}: no channel carries messages to this country", null, now, null, true), null);
        }

        if (later || problems.Count == 0)
        {
            if (!tried)
            {
                _telemetry.NotTaken(last, retry: true);
                return (new ChannelResult(message, MessageStatus.Accepted, last, null, text, null, now, now + ChannelsDownWait, false), null);
            }

            if (message.DispatchAttempts < MaxAttempts)
            {
                _telemetry.NotTaken(last, retry: true);
                return (new ChannelResult(message, MessageStatus.Accepted, last, null, text, null, now, now + TimeSpan.FromSeconds(Math.Min(60, 1 << message.DispatchAttempts)), true), null);
            }
        }

        _telemetry.NotTaken(last, retry: false);
        return (new ChannelResult(message, MessageStatus.Failed, last, null, text, null, now, null, true), null);
    }

    /// <summary>The channel's gate: as many slots as its window (or, without one, as many as dispatch hands at once).</summary>
    private Gate GateOf(ISmsChannel channel, ChannelStatus status)
    {
        var size = status.WindowSize > 0 ? status.WindowSize : int.MaxValue;
        var gate = _gates.GetOrAdd(channel.Name, _ => new Gate(size));
        if (gate.Size != size)
        {
            // The channel was saved with another window: a new gate (the old one's holders release into it harmlessly).
            gate = new Gate(size);
            _gates[channel.Name] = gate;
        }

        return gate;
    }

    private sealed record PendingResult(ChannelResult Result)
    {
        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Slots of one channel: a message holds one from before its submit until its answer is stored.</summary>
    private sealed class Gate(int size)
    {
        private readonly SemaphoreSlim? _slots = size == int.MaxValue ? null : new SemaphoreSlim(size, size);

        public int Size => size;

        public Task WaitAsync(CancellationToken cancellationToken) => _slots?.WaitAsync(cancellationToken) ?? Task.CompletedTask;

        public void Release() => _slots?.Release();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} failed on message {MessageId}; it will be tried again")]
    private static partial void LogChannelFailed(ILogger logger, string channel, long messageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} channel answers could not be stored; they are kept and stored again (their messages are not sent again)")]
    private static partial void LogStoreFailed(ILogger logger, int count, Exception exception);
}
