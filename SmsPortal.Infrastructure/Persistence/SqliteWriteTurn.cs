namespace SmsPortal.Infrastructure.Persistence;

/// <summary>
/// The one write lock of a SQLite file, taken in this process before SQLite's own: the pipeline's writers
/// (acceptance, dispatch claims and channel answers, receipts and settlement, the push outbox) queue here and each
/// gets its turn at once when the one before commits, instead of meeting SQLITE_BUSY and sleeping in SQLite's busy
/// handler (which backs off in steps of up to 100 ms and made acceptance wait behind dispatch).
/// Other writes (console pages, billing) still use SQLite's lock and busy timeout; they are rare.
/// </summary>
public sealed class SqliteWriteTurn
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Waits for this process's turn; dispose the result to pass it on.</summary>
    public async ValueTask<Turn> TakeAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(_turn);
    }

    public readonly struct Turn(SemaphoreSlim turn) : IDisposable
    {
        public void Dispose() => turn?.Release();
    }
}
