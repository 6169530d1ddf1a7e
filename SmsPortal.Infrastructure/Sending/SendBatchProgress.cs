namespace SmsPortal.Infrastructure.Sending;

/// <summary>How far a batch got: the numbers decided, of them the accepted, and the refused by result code.</summary>
public sealed record SendBatchProgress(int Submitted, int Accepted, IReadOnlyDictionary<int, int> RefusedByCode)
{
    public static SendBatchProgress None { get; } = new(0, 0, new Dictionary<int, int>());

    public int Refused => Submitted - Accepted;
}
