using Microsoft.Extensions.Options;
using SmsPortal.Infrastructure.Dispatch;

namespace SmsPortal.Infrastructure.Channels;

/// <summary>
/// Sums up where messages can go. It reads the channel definitions (configuration and database) and the routes, not
/// whether this node's channels are connected, so a web-only node answers the same as the workers.
/// </summary>
public sealed class ChannelSummaries(ChannelRegistry registry, IOptions<DispatchOptions> options)
{
    public async Task<ChannelSummary> ReadAsync(CancellationToken cancellationToken)
    {
        await registry.Loaded.WaitAsync(cancellationToken);
        var enabled = registry.Entries.Where(e => e.Enabled && e.Problem is null).ToDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);
        var real = enabled.Values.Where(e => !IsSimulator(e)).Select(e => e.Name).ToList();
        var simulators = enabled.Values.Where(IsSimulator).Select(e => e.Name).ToList();
        var defaultChannel = options.Value.DefaultChannel;

        // A message no narrower rule matches takes the rules without conditions, or else the default channel.
        var takeAll = registry.Routes
            .Where(r => r.Enabled && r.AccountId is null && string.IsNullOrEmpty(r.Prefix) && r.Carrier is null)
            .Select(r => enabled.GetValueOrDefault(r.Channel))
            .OfType<ChannelEntry>()
            .ToList();
        if (takeAll.Count == 0 && enabled.TryGetValue(defaultChannel, out var fallback))
        {
            takeAll.Add(fallback);
        }

        var readiness = (real.Count, simulators.Count) switch
        {
            (0, 0) => ChannelReadiness.NoChannel,
            (0, _) => ChannelReadiness.SimulatorOnly,
            _ when takeAll.Count == 0 => ChannelReadiness.UnroutedWait,
            _ when takeAll.TrueForAll(IsSimulator) => ChannelReadiness.SimulatorTakesUnrouted,
            _ => ChannelReadiness.Ready,
        };
        return new ChannelSummary(readiness, real, simulators, defaultChannel);
    }

    private static bool IsSimulator(ChannelEntry entry) => string.Equals(entry.Type, "Simulator", StringComparison.OrdinalIgnoreCase);
}
