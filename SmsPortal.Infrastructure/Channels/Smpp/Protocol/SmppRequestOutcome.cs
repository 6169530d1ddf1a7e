namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

public enum SmppRequestOutcome
{
    /// <summary>The peer answered: <see cref="SmppRequestResult.Response"/> is the response or a generic_nack.</summary>
    Answered,

    /// <summary>The request was not written (the session closed or the send queue did not take it in time): it is safe to send again.</summary>
    NotSent,

    /// <summary>The request was written and no answer came in time: the peer may or may not have acted on it.</summary>
    TimedOut,

    /// <summary>The request was written and the connection closed before its answer: the peer may or may not have acted on it.</summary>
    ConnectionLost,
}
