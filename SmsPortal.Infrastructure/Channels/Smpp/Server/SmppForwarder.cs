using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;
using SmsPortal.Infrastructure.Dispatch;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Channels.Smpp.Server;

/// <summary>
/// Sends customers what they are owed over their receiver binds: delivery receipts of messages they submitted over
/// SMPP asking for one (<see cref="Message.SmppReceipt"/>), and handset replies to those messages
/// (<see cref="Reply.SmppSentAt"/>). The database says what is owed, so nothing is lost while no receiver is bound
/// or across a restart; a row is marked sent only after deliver_sm_resp said ESME_ROK. One loop per account with a
/// receiver on this node, woken by <see cref="ReceiptProcessor.Finished"/> and <see cref="ReplyInbox.Received"/>
/// and every <see cref="SmppServerOptions.PollSeconds"/> (receipts finished on another node). Delivery is at least
/// once: a receipt whose deliver_sm_resp was lost is sent again.
/// </summary>
public sealed partial class SmppForwarder : IDisposable
{
    private const int BatchSize = 200;

    private sealed class AccountLoop(int accountId)
    {
        public int AccountId { get; } = accountId;
        public List<SmppConnection> Receivers { get; } = [];
        public SemaphoreSlim Wake { get; } = new(0, 1);
        public int Next;

        public void Signal()
        {
            try
            {
                if (Wake.CurrentCount == 0)
                {
                    Wake.Release();
                }
            }
            catch (SemaphoreFullException)
            {
                // already awake
            }
        }
    }

    private readonly ConcurrentDictionary<int, AccountLoop> _loops = new();
    private readonly IDbContextFactory<SmsPortalDbContext> _contexts;
    private readonly ReceiptProcessor _receipts;
    private readonly ReplyInbox _replies;
    private readonly SmppServerOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<SmppForwarder> _logger;
    private readonly CancellationTokenSource _stopping = new();

    public SmppForwarder(IDbContextFactory<SmsPortalDbContext> contexts, ReceiptProcessor receipts, ReplyInbox replies, SmppServerOptions options, TimeProvider clock, ILogger<SmppForwarder> logger)
    {
        _contexts = contexts;
        _receipts = receipts;
        _replies = replies;
        _options = options;
        _clock = clock;
        _logger = logger;
        receipts.Finished += Wake;
        replies.Received += Wake;
    }

    /// <summary>Receipts and replies confirmed by customers since start.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    private long _forwarded;

    private void Wake(int accountId, long id)
    {
        if (_loops.TryGetValue(accountId, out var loop))
        {
            loop.Signal();
        }
    }

    internal void ReceiverBound(SmppConnection connection)
    {
        var accountId = connection.Binding!.AccountId;
        while (true)
        {
            var loop = _loops.GetOrAdd(accountId, id => new AccountLoop(id));
            lock (loop)
            {
                if (!_loops.TryGetValue(accountId, out var current) || current != loop)
                {
                    continue; // the loop just ended; take the new one
                }

                loop.Receivers.Add(connection);
                if (loop.Receivers.Count == 1)
                {
                    _ = Task.Run(() => RunAsync(loop));
                }
            }

            loop.Signal();
            _ = connection.Session.Completion.ContinueWith(_ => ReceiverClosed(loop, connection), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return;
        }
    }

    private static void ReceiverClosed(AccountLoop loop, SmppConnection connection)
    {
        lock (loop)
        {
            loop.Receivers.Remove(connection);
        }

        loop.Signal();
    }

    private SmppConnection? PickReceiver(AccountLoop loop)
    {
        lock (loop)
        {
            loop.Receivers.RemoveAll(r => !r.Session.IsOpen);
            if (loop.Receivers.Count == 0)
            {
                return null;
            }

            return loop.Receivers[(int)((uint)Interlocked.Increment(ref loop.Next) % (uint)loop.Receivers.Count)];
        }
    }

    private async Task RunAsync(AccountLoop loop)
    {
        var token = _stopping.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                lock (loop)
                {
                    loop.Receivers.RemoveAll(r => !r.Session.IsOpen);
                    if (loop.Receivers.Count == 0)
                    {
                        _loops.TryRemove(new KeyValuePair<int, AccountLoop>(loop.AccountId, loop));
                        return;
                    }
                }

                var more = false;
                try
                {
                    more = await ForwardReceiptsAsync(loop, token) | await ForwardRepliesAsync(loop, token);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogForwardFailed(_logger, loop.AccountId, exception);
                }

                if (!more)
                {
                    await loop.Wake.WaitAsync(TimeSpan.FromSeconds(_options.PollSeconds), token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    // True when a full batch went out (there may be more); false when nothing more is owed now, or the receivers failed.
    private async Task<bool> ForwardReceiptsAsync(AccountLoop loop, CancellationToken cancellationToken)
    {
        var since = _clock.GetUtcNow().AddDays(-_options.ForwardDays);
        List<Owed> owed;
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
        {
            owed = await db.Messages.AsNoTracking()
                .Where(m => m.AccountId == loop.AccountId && m.SmppReceipt == SmppReceiptState.Wanted
                    && (m.Status == MessageStatus.Delivered || m.Status == MessageStatus.Failed || m.Status == MessageStatus.Expired))
                .OrderBy(m => m.Id).Take(BatchSize)
                .Select(m => new Owed(m.Id, m.AcceptedAt, m.Mobile, m.Status, m.SubmittedAt, m.DoneAt))
                .ToListAsync(cancellationToken);
        }

        // Owed longer than Smpp:ForwardDays: given up (marked as sent) so they do not hold back the rest.
        var sent = owed.Where(o => o.AcceptedAt < since).Select(o => o.Id).ToList();
        owed.RemoveAll(o => o.AcceptedAt < since);
        sent.AddRange(await SendAllAsync(loop, owed, o => [Receipt(o)], cancellationToken));
        if (sent.Count > 0)
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            await db.Messages.Where(m => sent.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.SmppReceipt, SmppReceiptState.Sent), cancellationToken);
        }

        return sent.Count == BatchSize;
    }

    private async Task<bool> ForwardRepliesAsync(AccountLoop loop, CancellationToken cancellationToken)
    {
        var since = _clock.GetUtcNow().AddDays(-_options.ForwardDays);
        List<OwedReply> owed;
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
        {
            owed = await db.Replies.AsNoTracking()
                .Where(r => r.AccountId == loop.AccountId && r.SmppSentAt == null
                    && db.Messages.Any(m => m.Id == r.MessageId && m.Door == SubmissionDoor.Smpp))
                .OrderBy(r => r.Id).Take(BatchSize)
                .Select(r => new OwedReply(r.Id, r.Mobile, r.To, r.Content, r.ReceivedAt))
                .ToListAsync(cancellationToken);
        }

        var sent = owed.Where(o => o.ReceivedAt < since).Select(o => o.Id).ToList();
        owed.RemoveAll(o => o.ReceivedAt < since);
        sent.AddRange(await SendAllAsync(loop, owed, Reply, cancellationToken));
        if (sent.Count > 0)
        {
            var now = _clock.GetUtcNow();
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            await db.Replies.Where(r => sent.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.SmppSentAt, now), cancellationToken);
        }

        return sent.Count == BatchSize;
    }

    // Sends every item (each one or more deliver_sm) over the receivers, the session windows bounding what is in flight.
    private async Task<List<long>> SendAllAsync<T>(AccountLoop loop, List<T> items, Func<T, IReadOnlyList<DeliverSmPdu>> pdus, CancellationToken cancellationToken)
        where T : IOwed
    {
        var results = await Task.WhenAll(items.Select(async item =>
        {
            foreach (var pdu in pdus(item))
            {
                if (PickReceiver(loop) is not { } receiver)
                {
                    return 0L;
                }

                var result = await receiver.Session.SendRequestAsync(pdu, cancellationToken);
                if (!result.IsOk)
                {
                    LogNotConfirmed(_logger, loop.AccountId, item.Id, result.Outcome.ToString(), SmppStatus.Name(result.Status ?? 0));
                    return 0L;
                }
            }

            return item.Id;
        }));
        var sent = results.Where(id => id != 0).ToList();
        Interlocked.Add(ref _forwarded, sent.Count);
        return sent;
    }

    private interface IOwed
    {
        long Id { get; }
    }

    private sealed record Owed(long Id, DateTimeOffset AcceptedAt, string Mobile, MessageStatus Status, DateTimeOffset? SubmittedAt, DateTimeOffset? DoneAt) : IOwed;

    private sealed record OwedReply(long Id, string Mobile, string To, string Content, DateTimeOffset ReceivedAt) : IOwed;

    /// <summary>The receipt's deliver_sm: esm_class 0x04, the standard text, receipted_message_id and message_state.</summary>
    internal static DeliverSmPdu Receipt(Message message) =>
        Receipt(new Owed(message.Id, message.AcceptedAt, message.Mobile, message.Status, message.SubmittedAt, message.DoneAt));

    private static DeliverSmPdu Receipt(Owed message)
    {
        var id = Message.FormatSmsId(message.AcceptedAt, message.Id);
        var (stat, state, error) = message.Status switch
        {
            MessageStatus.Delivered => (DeliveryReceipt.StateDelivered, SmppMessageState.Delivered, "000"),
            MessageStatus.Expired => (DeliveryReceipt.StateExpired, SmppMessageState.Expired, "000"),
            // Failed before any upstream took it: the platform (or every channel) refused it.
            _ when message.SubmittedAt is null => (DeliveryReceipt.StateRejected, SmppMessageState.Rejected, "002"),
            _ => (DeliveryReceipt.StateUndeliverable, SmppMessageState.Undeliverable, "001"),
        };
        var text = new DeliveryReceipt(id, "001", state == SmppMessageState.Delivered ? "001" : "000",
            DeliveryReceipt.FormatDate(message.AcceptedAt), DeliveryReceipt.FormatDate(message.DoneAt ?? message.AcceptedAt), stat, error, "").Format();
        var pdu = new DeliverSmPdu
        {
            SourceAddress = Address(message.Mobile),
            SourceTon = 1,
            SourceNpi = 1,
            EsmClass = ShortMessagePdu.EsmDeliveryReceipt,
            DataCoding = DataCoding.Default,
            ShortMessage = System.Text.Encoding.ASCII.GetBytes(text),
        };
        pdu.SetCString(SmppTlvTag.ReceiptedMessageId, id);
        pdu.SetByte(SmppTlvTag.MessageState, (byte)state);
        return pdu;
    }

    private static IReadOnlyList<DeliverSmPdu> Reply(OwedReply reply)
    {
        var parts = SmsText.Split(reply.Content, new SmsEncodingOptions(), (int)(reply.Id & 0xFF));
        return [.. parts.Select(part =>
        {
            var pdu = new DeliverSmPdu
            {
                SourceAddress = Address(reply.Mobile),
                SourceTon = 1,
                SourceNpi = 1,
                DestinationAddress = reply.To.Length <= 20 ? reply.To : reply.To[..20],
            };
            part.ApplyTo(pdu);
            return pdu;
        })];
    }

    // 13800138000 (mainland, stored without the country code) → 8613800138000; "44 7700900123" → 447700900123.
    private static string Address(string mobile)
    {
        var digits = mobile.Replace(" ", "", StringComparison.Ordinal);
        return (mobile.Contains(' ', StringComparison.Ordinal) ? digits : "86" + digits) is { Length: <= 20 } address ? address : digits[..20];
    }

    public void Dispose()
    {
        _receipts.Finished -= Wake;
        _replies.Received -= Wake;
        _stopping.Cancel();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMPP forwarding for account {AccountId} failed; tried again later")]
    private static partial void LogForwardFailed(ILogger logger, int accountId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SMPP forwarding for account {AccountId}: item {Id} not confirmed ({Outcome}, {Status}); sent again later")]
    private static partial void LogNotConfirmed(ILogger logger, int accountId, long id, string outcome, string status);
}
