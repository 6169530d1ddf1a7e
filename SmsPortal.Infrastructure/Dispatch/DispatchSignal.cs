namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>Wakes the dispatch pump of this node; accepted work from other nodes is found by its polling.</summary>
public sealed class DispatchSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    public void Wake(IReadOnlyList<long> acceptedIds) => Wake();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}
