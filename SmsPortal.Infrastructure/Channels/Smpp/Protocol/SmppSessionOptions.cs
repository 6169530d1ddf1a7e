using System.Collections.Concurrent;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>Limits and timers of one <see cref="SmppSession"/>.</summary>
public sealed class SmppSessionOptions
{
    /// <summary>Name in logs ("upstream-a", "client 10.0.0.5:41234").</summary>
    public string Name { get; set; } = "smpp";

    /// <summary>Requests this side may have sent and not yet seen answered.</summary>
    public int Window { get; set; } = 10;

    /// <summary>How long a request waits for its response.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Send enquire_link when nothing came from the peer for this long; zero never sends one.</summary>
    public TimeSpan EnquireLinkInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Close when nothing at all came from the peer for this long (an unanswered enquire_link also closes).</summary>
    public TimeSpan InactivityTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>The largest PDU accepted; a longer command_length closes the session (the framing is lost).</summary>
    public int MaxPduLength { get; set; } = SmppCodec.DefaultMaxLength;

    /// <summary>
    /// Incoming requests in progress at once (their handlers running, their responses not yet written). Beyond it a
    /// request is answered ESME_RTHROTTLED at once: the read loop never waits for a handler, so responses to this
    /// side's requests are always read. The default is far above 2,000 receipts/s × 50 ms of storing.
    /// </summary>
    public int MaxConcurrentIncoming { get; set; } = DefaultMaxConcurrentIncoming;

    public const int DefaultMaxConcurrentIncoming = 1000;

    /// <summary>PDUs in a row that could not be decoded before the session gives up on the peer and closes.</summary>
    public int MaxConsecutiveErrors { get; set; } = 10;

    /// <summary>Frames waiting to be written, beyond one slot for each request in the window and each incoming request in progress.</summary>
    public int SendQueueCapacity { get; set; } = 1024;

    /// <summary>How often at most "answered ESME_RTHROTTLED" is logged (with the count since the last time).</summary>
    public TimeSpan ThrottleLogInterval { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Answers a request the peer sent: the response to write, or null when the handler answers later itself.</summary>
public delegate ValueTask<SmppPdu?> SmppRequestHandler(SmppSession session, SmppPdu request, CancellationToken cancellationToken);
