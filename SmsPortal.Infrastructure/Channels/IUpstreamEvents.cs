using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels;

/// <summary>Where channels report what the upstream later says about a message, and what handsets send back.</summary>
public interface IUpstreamEvents
{
    /// <summary>Returns once the receipt is stored, so an SMPP peer is answered only then.</summary>
    /// <param name="upstreamId">The id the channel returned in <see cref="ChannelAnswer.UpstreamId"/>.</param>
    /// <param name="delivered">True for a delivered message, false for a final failure.</param>
    /// <param name="raw">The receipt as the upstream wrote it.</param>
    Task ReceiptAsync(string channel, string upstreamId, bool delivered, string raw, CancellationToken cancellationToken);

    /// <summary>Returns once the reply is stored.</summary>
    Task ReplyAsync(string channel, InboundReply reply, CancellationToken cancellationToken);
}
