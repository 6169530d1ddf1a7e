using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>
/// What became of one claimed message at its channel, to be stored at once: Submitted (the upstream took it or may
/// have it), Accepted again (try later, at <see cref="NextAttemptAt"/>), or Failed (refused for good: refunded).
/// </summary>
internal sealed record ChannelResult(
    Message Message,
    MessageStatus Status,
    string? Channel,
    string? UpstreamId,
    string Raw,
    decimal? Cost,
    DateTimeOffset At,
    DateTimeOffset? NextAttemptAt,
    bool CountsAsAttempt);
