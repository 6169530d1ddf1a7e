namespace SmsPortal.Infrastructure.Dispatch;

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
