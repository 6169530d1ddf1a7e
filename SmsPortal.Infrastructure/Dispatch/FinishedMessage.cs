namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>A message that reached its final status in a batch (for live pages).</summary>
internal readonly record struct FinishedMessage(int AccountId, long MessageId);
