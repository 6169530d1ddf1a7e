using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Pushes;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>
/// Applies what upstreams report: the message's final status, the settlement of its credits (kept when
/// delivered, refunded when failed), and the receipt push to the customer. A receipt that arrives twice
/// changes nothing the second time.
/// </summary>
public sealed partial class ReceiptProcessor(
    IDbContextFactory<SmsPortalDbContext> contexts,
    CreditLedger ledger,
    CustomerPushes pushes,
    TimeProvider clock,
    Microsoft.Extensions.Logging.ILogger<ReceiptProcessor> logger)
{
    /// <summary>Raised after a message reached its final status, for pages that show records live.</summary>
    public event Action<int, long>? Finished;

    private readonly Channel<PendingReceipt> _queue = Channel.CreateUnbounded<PendingReceipt>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues the receipt and returns once it is stored (an SMPP peer is answered only then).</summary>
    public Task ReceiptAsync(string channel, string upstreamId, bool delivered, string raw, CancellationToken cancellationToken)
    {
        var receipt = new PendingReceipt(channel, upstreamId, delivered, raw, System.Diagnostics.Stopwatch.GetTimestamp());
        _queue.Writer.TryWrite(receipt);
        return receipt.Stored.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// How long a receipt whose message is not known yet waits before it is answered anyway. A fast upstream can
    /// receipt a message before dispatch has stored its upstream id; the receipt waits (and its peer is not
    /// answered) until the id is there.
    /// </summary>
    public static readonly TimeSpan UnmatchedWait = TimeSpan.FromSeconds(30);

    /// <summary>How long a batch of receipts waits for more before it is written.</summary>
    public static readonly TimeSpan GatherReceipts = TimeSpan.FromMilliseconds(20);

    /// <summary>Applies waiting receipts many at a time: one transaction for a batch, as acceptance does.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingReceipt>();
        var parked = new List<PendingReceipt>();
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

            // Receipts come one by one: a short pause gathers them into one transaction (the database's single
            // writer is shared with acceptance).
            await Task.Delay(GatherReceipts, stoppingToken);
            batch.Clear();
            batch.AddRange(parked);
            parked.Clear();
            while (batch.Count < 500 && _queue.Reader.TryRead(out var receipt))
            {
                batch.Add(receipt);
            }

            try
            {
                var (finished, unmatched) = await ApplyAsync(batch, stoppingToken);
                foreach (var receipt in batch)
                {
                    if (!unmatched.Contains(receipt))
                    {
                        receipt.Stored.TrySetResult();
                    }
                    else if (System.Diagnostics.Stopwatch.GetElapsedTime(receipt.Arrived) < UnmatchedWait)
                    {
                        parked.Add(receipt);
                    }
                    else
                    {
                        LogUnmatched(logger, receipt.Channel, receipt.UpstreamId);
                        receipt.Stored.TrySetResult();
                    }
                }

                foreach (var message in finished)
                {
                    Announce(message);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                batch.ForEach(r => r.Stored.TrySetException(exception));
            }
        }
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Receipt for {UpstreamId} on channel {Channel} matches no message; answered and dropped")]
    private static partial void LogUnmatched(Microsoft.Extensions.Logging.ILogger logger, string channel, string upstreamId);

    private async Task<(List<(Message Message, string? PushUrl)> Finished, HashSet<PendingReceipt> Unmatched)> ApplyAsync(List<PendingReceipt> batch, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var finished = new List<Message>();
        var unmatched = new HashSet<PendingReceipt>(ReferenceEqualityComparer.Instance);
        foreach (var group in batch.GroupBy(r => r.Channel))
        {
            var ids = group.Select(r => r.UpstreamId).Distinct().ToArray();
            var messages = await db.Messages.Where(m => m.Channel == group.Key && ids.Contains(m.UpstreamId!)).ToDictionaryAsync(m => m.UpstreamId!, cancellationToken);
            foreach (var receipt in group)
            {
                if (!messages.TryGetValue(receipt.UpstreamId, out var message))
                {
                    unmatched.Add(receipt);
                }
                else if (!message.IsFinal)
                {
                    Finish(message, receipt.Delivered ? MessageStatus.Delivered : MessageStatus.Failed, receipt.Raw);
                    finished.Add(message);
                }
            }
        }

        if (finished.Count > 0)
        {
            var balances = await ledger.LockBalancesAsync(db, finished.Select(m => m.AccountId).ToArray(), cancellationToken);
            ledger.Append(db, balances, finished.Select(Settlement));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var accounts = finished.Select(m => m.AccountId).Distinct().ToArray();
        var urls = await db.Accounts.Where(a => accounts.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.ReceiptPushUrl, cancellationToken);
        return (finished.Select(m => (m, urls.GetValueOrDefault(m.AccountId))).ToList(), unmatched);
    }

    private sealed record PendingReceipt(string Channel, string UpstreamId, bool Delivered, string Raw, long Arrived)
    {
        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Ends a message (delivered, failed, expired) with its settlement, inside the caller's transaction.</summary>
    public async Task FinishAsync(SmsPortalDbContext db, Message message, MessageStatus status, string raw, CancellationToken cancellationToken)
    {
        Finish(message, status, raw);
        await ledger.AppendAsync(db, [Settlement(message)], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private void Finish(Message message, MessageStatus status, string raw)
    {
        message.Status = status;
        message.DoneAt = clock.GetUtcNow();
        message.UpstreamStatus = raw.Length <= 500 ? raw : raw[..500];
    }

    /// <summary>Delivered keeps the reserved credits (a zero entry that closes the reservation); anything else refunds them.</summary>
    private static LedgerLine Settlement(Message message) => message.Status == MessageStatus.Delivered
        ? new LedgerLine(message.AccountId, LedgerEntryKind.Settle, 0, message.SmsId, $"Delivered: {message.Parts} charged")
        : new LedgerLine(message.AccountId, LedgerEntryKind.Refund, message.Parts, message.SmsId, message.Status == MessageStatus.Expired ? "Expired" : "Not delivered");

    /// <summary>Pushes the receipt to the account's URL in the vendor's form and tells live pages.</summary>
    public void Announce((Message Message, string? PushUrl) finished)
    {
        var (message, url) = finished;
        pushes.Enqueue(message.AccountId, PushKind.Receipt, url, new Dictionary<string, string>
        {
            ["code"] = message.Status == MessageStatus.Delivered ? "2" : "0",
            ["msg"] = message.Status switch
            {
                MessageStatus.Delivered => "DELIVRD",
                MessageStatus.Expired => "EXPIRED",
                _ => "UNDELIV",
            },
            ["mobilephone"] = message.Mobile,
            ["smsid"] = message.SmsId,
            ["report_time"] = (message.DoneAt ?? clock.GetUtcNow()).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        });
        Finished?.Invoke(message.AccountId, message.Id);
    }
}
