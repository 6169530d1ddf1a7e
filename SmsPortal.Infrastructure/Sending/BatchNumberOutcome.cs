namespace SmsPortal.Infrastructure.Sending;

/// <summary>What one batch send's number came to: its result code, and the message when accepted.</summary>
internal readonly record struct BatchNumberOutcome(long NumberId, int Code, long? MessageId);
