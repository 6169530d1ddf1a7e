namespace SmsPortal.Infrastructure.Persistence;

/// <summary>
/// The one write lock of a SQLite file, taken in this process before SQLite's own: the pipeline's writers
/// (acceptance, dispatch claims and channel answers, receipts and settlement, the push outbox) queue here and each
/// gets its turn at once when the one before commits, instead of meeting SQLITE_BUSY and sleeping in SQLite's busy
/// handler (which backs off in steps of up to 100 ms and made acceptance wait behind dispatch).
/// Channel answers are urgent: each holds a slot of its channel's window until it is stored, so they go before
/// the writers that are waiting; the others take their turns in arrival order.
/// Other writes (console pages, billing) still use SQLite's lock and busy timeout; they are rare.
/// </summary>
public sealed class SqliteWriteTurn
{
    private readonly object _gate = new();
    private readonly Queue<TaskCompletionSource> _urgent = new();
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private bool _taken;

    /// <summary>Waits for this process's turn; dispose the result to pass it on.</summary>
    public ValueTask<Turn> TakeAsync(CancellationToken cancellationToken) => TakeAsync(urgent: false, cancellationToken);

    public async ValueTask<Turn> TakeAsync(bool urgent, CancellationToken cancellationToken)
    {
        TaskCompletionSource next;
        lock (_gate)
        {
            if (!_taken)
            {
                _taken = true;
                return new Turn(this);
            }

            next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (urgent ? _urgent : _waiting).Enqueue(next);
        }

        try
        {
            await next.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Given up waiting: if the turn was handed over meanwhile, pass it on.
            if (!next.TrySetCanceled() && next.Task.IsCompletedSuccessfully)
            {
                Release();
            }

            throw;
        }

        return new Turn(this);
    }

    private void Release()
    {
        while (true)
        {
            TaskCompletionSource? next;
            lock (_gate)
            {
                if (!_urgent.TryDequeue(out next) && !_waiting.TryDequeue(out next))
                {
                    _taken = false;
                    return;
                }
            }

            // A waiter that gave up (cancelled) is skipped; the turn goes to the one after it.
            if (next.TrySetResult())
            {
                return;
            }
        }
    }

    public readonly struct Turn(SqliteWriteTurn? owner) : IDisposable
    {
        public void Dispose() => owner?.Release();
    }
}
