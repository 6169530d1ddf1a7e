using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Modem;

/// <summary>An SMS-DELIVER: a handset's message.</summary>
internal sealed record DeliverPdu(string From, string Text, DateTimeOffset? SentAt, Concatenation? Concatenation);
