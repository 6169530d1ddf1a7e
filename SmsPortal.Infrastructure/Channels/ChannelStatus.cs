using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels;

/// <summary>How a channel is doing, for the admins' channel page and for routing (a channel that is not up is skipped).</summary>
/// <param name="Up">Able to take messages now (bound, modem registered, circuit closed).</param>
/// <param name="State">A short word for the page: "bound", "connecting", "circuit open", "no SIM", ...</param>
/// <param name="WindowInUse">Submits sent and not yet answered.</param>
/// <param name="WindowSize">The most that may be outstanding (0 when the channel has no window).</param>
/// <param name="PerSecond">Messages handed over in the last few seconds, per second.</param>
/// <param name="Errors">Errors since start (refusals, timeouts, reconnects).</param>
/// <param name="LastError">The last error, as the upstream or the system said it; null when none.</param>
public sealed record ChannelStatus(bool Up, string State, int WindowInUse, int WindowSize, double PerSecond, long Errors, string? LastError)
{
    public static ChannelStatus Ready(string state = "ready") => new(true, state, 0, 0, 0, 0, null);
}
