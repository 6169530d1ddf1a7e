using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SmsPortal.Infrastructure.Observability;
using SmsPortal.Infrastructure.Pushes;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>
/// Applies what upstreams report: the message's final status, the settlement of its credits (kept when delivered,
/// refunded when failed) and its receipt push, in one transaction per batch. A receipt that arrives twice changes
/// nothing the second time.
/// </summary>
public sealed partial class ReceiptProcessor
{
    /// <summary>
    /// How long a receipt whose message is not known yet waits before it is answered anyway. A fast upstream can
    /// receipt a message before dispatch has stored its upstream id; the receipt waits (and its peer is not
    /// answered) until the id is there.
    /// </summary>
    public static readonly TimeSpan UnmatchedWait = TimeSpan.FromSeconds(30);

    /// <summary>How long a batch of receipts waits for more before it is written.</summary>
    public static readonly TimeSpan GatherReceipts = TimeSpan.FromMilliseconds(5);

    /// <summary>Receipts one transaction applies at most: short turns on SQLite's write lock, which channel answers wait for.</summary>
    public const int MaxBatch = 200;

    /// <summary>Receipts waiting for their message at most; beyond it the oldest is answered and dropped (logged).</summary>
    public const int MaxParked = 10_000;

    /// <summary>The longest receipt text kept while it waits (the record keeps 500 characters).</summary>
    private const int MaxRawLength = 500;

    private readonly IReceiptStore _store;
    private readonly PushOutbox _outbox;
    private readonly TimeProvider _clock;
    private readonly SmsPortalTelemetry _telemetry;
    private readonly ILogger<ReceiptProcessor> _logger;
    private readonly Channel<PendingReceipt> _queue = Channel.CreateUnbounded<PendingReceipt>(new UnboundedChannelOptions { SingleReader = true });

    // Counted here: a single-reader channel cannot count what it holds.
    private int _waiting;

    internal ReceiptProcessor(IReceiptStore store, PushOutbox outbox, TimeProvider clock, SmsPortalTelemetry telemetry, ILogger<ReceiptProcessor> logger)
    {
        _telemetry = telemetry;
        _store = store;
        _outbox = outbox;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Raised after a message reached its final status (account id, message id), for pages that show records live.</summary>
    public event Action<int, long>? Finished;

    /// <summary>Queues the receipt and returns once it is stored (an SMPP peer is answered only then).</summary>
    public Task ReceiptAsync(string channel, string upstreamId, bool delivered, string raw, CancellationToken cancellationToken)
    {
        var receipt = new PendingReceipt(new ReceiptToApply(channel, upstreamId, delivered, raw.Length <= MaxRawLength ? raw : raw[..MaxRawLength]), Stopwatch.GetTimestamp());
        Interlocked.Increment(ref _waiting);
        _queue.Writer.TryWrite(receipt);
        return receipt.Stored.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Receipts waiting to be stored (queued, not yet taken by a batch).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Tells live pages that a message reached its final status.</summary>
    public void Announce(int accountId, long messageId) => Finished?.Invoke(accountId, messageId);

    /// <summary>Expires one batch of messages (the sweep's work), with refunds and pushes; returns how many.</summary>
    internal async Task<int> ExpireAsync(ExpiryKind kind, DateTimeOffset before, int expireAfterHours, int max, CancellationToken cancellationToken)
    {
        var done = await _store.ExpireAsync(kind, before, expireAfterHours, max, _clock.GetUtcNow(), cancellationToken);
        Published(done);
        return done.Finished.Count;
    }

    /// <summary>Applies waiting receipts many at a time: one transaction for a batch, as acceptance does.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingReceipt>();
        var parked = new LinkedList<PendingReceipt>();
        while (true)
        {
            if (parked.Count == 0)
            {
                if (!await _queue.Reader.WaitToReadAsync(stoppingToken))
                {
                    return;
                }
            }
            else
            {
                // Parked receipts are looked at again soon, or as soon as new ones come.
                using var pause = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                pause.CancelAfter(TimeSpan.FromMilliseconds(200));
                try
                {
                    await _queue.Reader.WaitToReadAsync(pause.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }
            }

            // Receipts come one by one: a short pause gathers them into one transaction.
            await Task.Delay(GatherReceipts, stoppingToken);
            batch.Clear();
            batch.AddRange(parked);
            parked.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var receipt))
            {
                Interlocked.Decrement(ref _waiting);
                batch.Add(receipt);
            }

            try
            {
                var applying = _clock.GetUtcNow();
                var done = await _store.ApplyAsync(batch.ConvertAll(r => r.Receipt), applying, stoppingToken);
                Measured(done, applying);
                for (var i = 0; i < batch.Count; i++)
                {
                    var receipt = batch[i];
                    if (!done.Unmatched.Contains(i))
                    {
                        receipt.Stored.TrySetResult();
                    }
                    else if (Stopwatch.GetElapsedTime(receipt.Arrived) < UnmatchedWait && parked.Count < MaxParked)
                    {
                        parked.AddLast(receipt);
                    }
                    else
                    {
                        LogUnmatched(_logger, receipt.Receipt.Channel, receipt.Receipt.UpstreamId);
                        receipt.Stored.TrySetResult();
                    }
                }

                Published(done);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(_logger, batch.Count, exception);
                batch.ForEach(r => r.Stored.TrySetException(exception));
            }
        }
    }

    /// <summary>Each receipt's accept → receipt latency and, while a tracer listens, its step in the message's trace.</summary>
    private void Measured(FinishBatch done, DateTimeOffset applying)
    {
        var now = _clock.GetUtcNow();
        foreach (var finished in done.Finished)
        {
            _telemetry.Receipted(finished.Status, finished.AcceptedAt, now);
            using var activity = MessageTrace.Start("sms receipt", finished.MessageId, ActivityKind.Internal, applying);
            activity?.SetTag("sms.status", finished.Status.ToString());
        }
    }

    private void Published(FinishBatch done)
    {
        _outbox.Committed(done.Pushes);
        foreach (var finished in done.Finished)
        {
            Finished?.Invoke(finished.AccountId, finished.MessageId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receipt for {UpstreamId} on channel {Channel} matches no message; answered and dropped")]
    private static partial void LogUnmatched(ILogger logger, string channel, string upstreamId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} receipts could not be stored; their peers are told so")]
    private static partial void LogFailed(ILogger logger, int count, Exception exception);

    private sealed record PendingReceipt(ReceiptToApply Receipt, long Arrived)
    {
        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
