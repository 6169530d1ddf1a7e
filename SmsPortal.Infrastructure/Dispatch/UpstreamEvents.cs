using SmsPortal.Infrastructure.Channels;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>The one door for what upstreams report: receipts to <see cref="ReceiptProcessor"/>, replies to <see cref="ReplyInbox"/>.</summary>
public sealed class UpstreamEvents(ReceiptProcessor receipts, ReplyInbox replies) : IUpstreamEvents
{
    public Task ReceiptAsync(string channel, string upstreamId, bool delivered, string raw, CancellationToken cancellationToken) =>
        receipts.ReceiptAsync(channel, upstreamId, delivered, raw, cancellationToken);

    public Task ReplyAsync(string channel, InboundReply reply, CancellationToken cancellationToken) =>
        replies.StoreAsync(channel, reply, cancellationToken);
}
