using SmsPortal.Domain.Channels;
using SmsPortal.Infrastructure.Channels;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>A way a message may leave: the channel, and the rule that chose it (null for the default channel).</summary>
public sealed record RouteChoice(ISmsChannel Channel, Route? Route);
