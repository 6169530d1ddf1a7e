namespace SmsPortal.Infrastructure.Channels;

/// <summary>A message as a channel needs it.</summary>
public sealed record OutboundMessage(long MessageId, string Mobile, string Text, int Parts);

public enum ChannelOutcome
{
    /// <summary>The upstream took it; a receipt will follow.</summary>
    Accepted,

    /// <summary>The upstream refused it for good: the message fails and its credits come back.</summary>
    Rejected,

    /// <summary>The upstream could not take it now (down, throttled): try again later.</summary>
    TryLater,
}

/// <summary>What the upstream answered, kept raw for the record.</summary>
public sealed record ChannelAnswer(ChannelOutcome Outcome, string? UpstreamId, string Raw);

/// <summary>
/// One way out of the platform: SMPP, an HTTP provider, a GSM modem, the simulator. Receipts and replies come
/// back asynchronously through <see cref="IUpstreamEvents"/>.
/// </summary>
public interface ISmsChannel
{
    string Name { get; }

    Task<ChannelAnswer> SubmitAsync(OutboundMessage message, CancellationToken cancellationToken);
}

/// <summary>Where channels report what the upstream later says about a message, and what handsets send back.</summary>
public interface IUpstreamEvents
{
    /// <param name="delivered">True for a delivered message, false for a final failure.</param>
    /// <param name="raw">The receipt as the upstream wrote it.</param>
    Task ReceiptAsync(string channel, string upstreamId, bool delivered, string raw, CancellationToken cancellationToken);
}
