using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels;

/// <summary>
/// One way out of the platform: SMPP, an HTTP provider, a GSM modem, the simulator. Receipts and replies come
/// back asynchronously through <see cref="IUpstreamEvents"/>.
/// <para>
/// SubmitAsync is called concurrently (the dispatcher hands a whole batch at once); a channel keeps its own
/// window and throughput cap by awaiting inside SubmitAsync, and answers TryLater rather than waiting forever.
/// </para>
/// </summary>
public interface ISmsChannel : IAsyncDisposable
{
    string Name { get; }

    ChannelStatus Status { get; }

    /// <summary>Connects, binds, opens the port. Called once on worker nodes before the first submit; returns quickly and keeps (re)connecting in the background.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    Task<ChannelAnswer> SubmitAsync(OutboundMessage message, CancellationToken cancellationToken);
}
