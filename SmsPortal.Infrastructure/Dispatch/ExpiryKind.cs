namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>Which messages an expiry batch ends.</summary>
internal enum ExpiryKind
{
    /// <summary>Submitted, and no receipt came within the expiry window (by SubmittedAt).</summary>
    NoReceipt,

    /// <summary>Accepted, and no channel took it within the expiry window (by AcceptedAt).</summary>
    NotSent,
}
