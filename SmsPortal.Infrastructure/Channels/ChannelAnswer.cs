using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels;

/// <summary>What the upstream answered, kept raw for the record.</summary>
public sealed record ChannelAnswer(ChannelOutcome Outcome, string? UpstreamId, string Raw);
