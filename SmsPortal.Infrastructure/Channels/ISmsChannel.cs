using Microsoft.Extensions.Configuration;
using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels;

/// <summary>A message as a channel needs it.</summary>
/// <param name="MessageId">The row id: unique, and what a channel may use to correlate its own state.</param>
/// <param name="SmsId">The vendor's smsid the customer knows the message by.</param>
/// <param name="Mobile">Normalised: 11 digits for the mainland, "852 91234567" (country code, space, number) abroad.</param>
/// <param name="Text">The whole text, 【signature】 included; a channel splits it into parts as its upstream needs.</param>
/// <param name="Parts">The parts the customer was charged for.</param>
public sealed record OutboundMessage(long MessageId, string SmsId, string Mobile, string Text, int Parts);

public enum ChannelOutcome
{
    /// <summary>The upstream took it; a receipt will follow.</summary>
    Accepted,

    /// <summary>The upstream refused it for good: the message fails and its credits come back (or the next route is tried).</summary>
    Rejected,

    /// <summary>The upstream could not take it now (down, throttled, window full for too long): try again later.</summary>
    TryLater,

    /// <summary>
    /// The request left but its answer did not come back (a timeout after the body was sent): the upstream may or
    /// may not have the message. It is never sent again blindly; the message waits for a receipt or expires.
    /// </summary>
    Unknown,
}

/// <summary>What the upstream answered, kept raw for the record.</summary>
public sealed record ChannelAnswer(ChannelOutcome Outcome, string? UpstreamId, string Raw);

/// <summary>How a channel is doing, for the admins' channel page and for routing (a channel that is not up is skipped).</summary>
/// <param name="Up">Able to take messages now (bound, modem registered, circuit closed).</param>
/// <param name="State">A short word for the page: "bound", "connecting", "circuit open", "no SIM", ...</param>
/// <param name="WindowInUse">Submits sent and not yet answered.</param>
/// <param name="WindowSize">The most that may be outstanding (0 when the channel has no window).</param>
/// <param name="PerSecond">Messages handed over in the last few seconds, per second.</param>
/// <param name="Errors">Errors since start (refusals, timeouts, reconnects).</param>
/// <param name="LastError">The last error, as the upstream or the system said it; null when none.</param>
public sealed record ChannelStatus(bool Up, string State, int WindowInUse, int WindowSize, double PerSecond, long Errors, string? LastError)
{
    public static ChannelStatus Ready(string state = "ready") => new(true, state, 0, 0, 0, 0, null);
}

/// <summary>
/// One way out of the platform: SMPP, an HTTP provider, a GSM modem, the simulator. Receipts and replies come
/// back asynchronously through <see cref="IUpstreamEvents"/>.
/// <para>
/// SubmitAsync is called concurrently (the dispatcher hands a whole batch at once); a channel keeps its own
/// window and throughput cap by awaiting inside SubmitAsync, and answers TryLater rather than waiting forever.
/// </para>
/// </summary>
public interface ISmsChannel : IAsyncDisposable
{
    string Name { get; }

    ChannelStatus Status { get; }

    /// <summary>Connects, binds, opens the port. Called once on worker nodes before the first submit; returns quickly and keeps (re)connecting in the background.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    Task<ChannelAnswer> SubmitAsync(OutboundMessage message, CancellationToken cancellationToken);
}

/// <summary>A handset's message to the platform (an MO SMS), as a channel received it.</summary>
/// <param name="From">The handset's number, as the upstream wrote it (the pipeline normalises it).</param>
/// <param name="To">The number it was sent to (the platform's source address, perhaps with an extension).</param>
/// <param name="Text">Decoded text; long replies already joined.</param>
/// <param name="Raw">What the upstream sent, for the record.</param>
/// <param name="AnswersUpstreamId">The upstream's id of the message this replies to, when the upstream says (HTTP providers in the vendor's form do).</param>
public sealed record InboundReply(string From, string To, string Text, DateTimeOffset ReceivedAt, string Raw, string? AnswersUpstreamId = null);

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

/// <summary>
/// Makes channels of one type from their settings. Settings come from configuration
/// (<c>Channels:&lt;name&gt;</c> with <c>Type</c> = Smpp | Http | Modem | Simulator) or from a channel an admin
/// saved (its settings JSON read as configuration), so both are one <see cref="IConfiguration"/>.
/// </summary>
public interface IChannelFactory
{
    /// <summary>"Smpp", "Http", "Modem", "Simulator".</summary>
    string Type { get; }

    /// <summary>Every setting the type takes, declared once: the reader, the admin form, masking and the README read it.</summary>
    ChannelSettingSet Settings { get; }

    /// <summary>Throws <see cref="ChannelSettingsException"/> naming every wrong setting; creates nothing then.</summary>
    ISmsChannel Create(string name, IConfiguration settings);
}

/// <summary>Channel settings that cannot work: every problem, each naming its setting.</summary>
public sealed class ChannelSettingsException(string channel, IReadOnlyList<string> problems)
    : Exception($"Channel '{channel}': {string.Join("; ", problems)}")
{
    public string Channel { get; } = channel;

    public IReadOnlyList<string> Problems { get; } = problems;
}
