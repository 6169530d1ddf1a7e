using System.Collections.Concurrent;
using SmsPortal.Infrastructure.Channels;

namespace SmsPortal.Tests.Infrastructure.Smpp;

/// <summary>Stands in for the pipeline: records what a channel reports.</summary>
internal sealed class RecordingUpstreamEvents : IUpstreamEvents
{
    public ConcurrentQueue<(string Channel, string UpstreamId, bool Delivered, string Raw)> Receipts { get; } = new();

    public ConcurrentQueue<InboundReply> Replies { get; } = new();

    public Task ReceiptAsync(string channel, string upstreamId, bool delivered, string raw, CancellationToken cancellationToken)
    {
        Receipts.Enqueue((channel, upstreamId, delivered, raw));
        return Task.CompletedTask;
    }

    public Task ReplyAsync(string channel, InboundReply reply, CancellationToken cancellationToken)
    {
        Replies.Enqueue(reply);
        return Task.CompletedTask;
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }
            await Task.Delay(20);
        }
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }
            await Task.Delay(20);
        }
    }
}
