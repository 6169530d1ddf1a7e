using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Modem;

/// <summary>Concatenation information from a user data header (3GPP 23.040 §9.2.3.24.1 and .8).</summary>
internal sealed record Concatenation(int Reference, int Total, int Sequence);
