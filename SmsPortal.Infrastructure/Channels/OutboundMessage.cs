using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels;

/// <summary>A message as a channel needs it.</summary>
/// <param name="MessageId">The row id: unique, and what a channel may use to correlate its own state.</param>
/// <param name="SmsId">The vendor's smsid the customer knows the message by.</param>
/// <param name="Mobile">Normalised: 11 digits for the mainland, "852 91234567" (country code, space, number) abroad.</param>
/// <param name="Text">The whole text, 【signature】 included; a channel splits it into parts as its upstream needs.</param>
/// <param name="Parts">The parts the customer was charged for.</param>
public sealed record OutboundMessage(long MessageId, string SmsId, string Mobile, string Text, int Parts);
