using SmsPortal.Domain.Pushes;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>A receipt as a channel reported it.</summary>
internal sealed record ReceiptToApply(string Channel, string UpstreamId, bool Delivered, string Raw);

/// <summary>A message that reached its final status in a batch (for live pages).</summary>
internal readonly record struct FinishedMessage(int AccountId, long MessageId);

/// <summary>What one batch did: the messages it finished, the receipts that matched no message (by index), the pushes it wrote.</summary>
internal sealed record FinishBatch(IReadOnlyList<FinishedMessage> Finished, IReadOnlySet<int> Unmatched, IReadOnlyList<PushOutboxEntry> Pushes)
{
    public static readonly FinishBatch Empty = new([], new HashSet<int>(), []);
}

/// <summary>Which messages an expiry batch ends.</summary>
internal enum ExpiryKind
{
    /// <summary>Submitted, and no receipt came within the expiry window (by SubmittedAt).</summary>
    NoReceipt,

    /// <summary>Accepted, and no channel took it within the expiry window (by AcceptedAt).</summary>
    NotSent,
}

/// <summary>
/// Where messages end: receipts (delivered or failed) and expiry, each with the settlement of its credits and its
/// receipt push in the same transaction. SQLite has a hand-written path (<see cref="SqliteReceiptStore"/>), PostgreSQL
/// goes through EF Core (<see cref="EfReceiptStore"/>).
/// </summary>
internal interface IReceiptStore : IDisposable
{
    /// <summary>Applies the receipts in one transaction; a receipt for a message already final changes nothing.</summary>
    Task<FinishBatch> ApplyAsync(IReadOnlyList<ReceiptToApply> receipts, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Expires up to <paramref name="max"/> messages of one kind older than <paramref name="before"/>, refunding them.</summary>
    Task<FinishBatch> ExpireAsync(ExpiryKind kind, DateTimeOffset before, int expireAfterHours, int max, DateTimeOffset now, CancellationToken cancellationToken);
}
