using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels;

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
