namespace SmsPortal.Infrastructure.Verify;

/// <summary>Wakes this node's call pump when a start asked for a call; calls due on other nodes or later are found by its polling.</summary>
public sealed class VerifyCallSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Woken by another start at the same moment.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}
