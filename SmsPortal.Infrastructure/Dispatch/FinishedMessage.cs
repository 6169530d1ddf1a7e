using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>A message that reached its final status in a batch (for live pages, and for the accept → receipt latency).</summary>
internal readonly record struct FinishedMessage(int AccountId, long MessageId, MessageStatus Status, DateTimeOffset AcceptedAt);
