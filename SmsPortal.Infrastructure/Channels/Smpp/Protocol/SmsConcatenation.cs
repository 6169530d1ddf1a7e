using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>Concatenation info of one part: reference, total parts, this part's number (1-based).</summary>
public readonly record struct SmsConcatenation(int Reference, int Total, int Sequence);
