using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>A whole incoming text; <see cref="Complete"/> is false when parts never came.</summary>
public sealed record SmsJoinedMessage(string Source, string Destination, string Text, bool Complete);
