using SmsPortal.Domain.Pushes;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>What one batch did: the messages it finished, the receipts that matched no message (by index), the pushes it wrote.</summary>
internal sealed record FinishBatch(IReadOnlyList<FinishedMessage> Finished, IReadOnlySet<int> Unmatched, IReadOnlyList<PushOutboxEntry> Pushes)
{
    public static readonly FinishBatch Empty = new([], new HashSet<int>(), []);
}
