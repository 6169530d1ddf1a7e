using System.Collections.Concurrent;
using SmsPortal.Infrastructure.Channels;

namespace SmsPortal.Tests.Support;

/// <summary>Stands in for the pipeline: keeps every receipt and reply a channel reports.</summary>
public sealed class RecordingUpstreamEvents : IUpstreamEvents
{
    public ConcurrentQueue<(string Channel, string UpstreamId, bool Delivered, string Raw)> Receipts { get; } = new();

    public ConcurrentQueue<(string Channel, InboundReply Reply)> Replies { get; } = new();

    /// <summary>How long storing one receipt takes (a durable, batched database write); zero returns at once.</summary>
    public TimeSpan ReceiptDelay { get; init; }

    public async Task ReceiptAsync(string channel, string upstreamId, bool delivered, string raw, CancellationToken cancellationToken)
    {
        if (ReceiptDelay > TimeSpan.Zero)
        {
            await Task.Delay(ReceiptDelay, cancellationToken);
        }
        Receipts.Enqueue((channel, upstreamId, delivered, raw));
    }

    public Task ReplyAsync(string channel, InboundReply reply, CancellationToken cancellationToken)
    {
        Replies.Enqueue((channel, reply));
        return Task.CompletedTask;
    }

    /// <summary>The first receipt that matches, once it has come.</summary>
    public async Task<(string Channel, string UpstreamId, bool Delivered, string Raw)> ReceiptAsync(Func<(string Channel, string UpstreamId, bool Delivered, string Raw), bool> match, TimeSpan timeout)
    {
        await Eventually.HoldsAsync(() => Receipts.Any(match), timeout, "a matching receipt");
        return Receipts.First(match);
    }
}
