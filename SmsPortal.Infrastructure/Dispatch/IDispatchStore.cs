using SmsPortal.Domain.Pushes;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>
/// Dispatch's two writes: claiming accepted messages for a worker, and storing each channel answer as it comes.
/// SQLite has a hand-written path on the pipeline's kept connection (<see cref="SqliteDispatchStore"/>), PostgreSQL
/// goes through EF Core (<see cref="EfDispatchStore"/>).
/// </summary>
internal interface IDispatchStore : IDisposable
{
    /// <summary>Claims up to <paramref name="max"/> accepted messages that are due, oldest first, for <paramref name="holder"/>.</summary>
    Task<IReadOnlyList<Message>> ClaimAsync(string holder, int max, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the answers in one transaction: statuses, refunds of refused messages and their receipt pushes.
    /// Returns the pushes written (for the pump). Only a message still Dispatching is changed.
    /// </summary>
    Task<IReadOnlyList<PushOutboxEntry>> StoreAsync(IReadOnlyList<ChannelResult> results, CancellationToken cancellationToken);
}
