namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>A receipt as a channel reported it.</summary>
internal sealed record ReceiptToApply(string Channel, string UpstreamId, bool Delivered, string Raw);
