using System.Threading.Channels;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>Wakes this node's batch pump when a batch is created or resumed here; batches of other nodes and scheduled ones are found by its polling.</summary>
public sealed class SendBatchSignal
{
    // One pending wake is enough: the pump looks at every due batch when it wakes.
    private readonly Channel<bool> _wakes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _wakes.Writer.TryWrite(true);

    /// <summary>Waits for a wake or until <paramref name="timeout"/> has passed.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var waited = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waited.CancelAfter(timeout);
        try
        {
            await _wakes.Reader.ReadAsync(waited.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }
}
