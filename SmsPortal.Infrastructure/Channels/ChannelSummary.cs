namespace SmsPortal.Infrastructure.Channels;

/// <summary>Where messages can go, from the channels and routes declared in configuration and saved in the database.</summary>
/// <param name="RealChannels">Enabled channels that reach an upstream (every type but Simulator).</param>
/// <param name="Simulators">Enabled channels of type Simulator.</param>
/// <param name="DefaultChannel"><c>Dispatch:DefaultChannel</c>: what takes a message no routing rule matches.</param>
public sealed record ChannelSummary(ChannelReadiness Readiness, IReadOnlyList<string> RealChannels, IReadOnlyList<string> Simulators, string DefaultChannel)
{
    /// <summary>What /health says: one English sentence an operator acts on.</summary>
    public string Description => Readiness switch
    {
        ChannelReadiness.NoChannel =>
            "no channel is configured: messages wait, and expire and are refunded after Dispatch:ExpireAfterHours. Declare a channel, or set Channels:Simulator:Enabled=true to test with the simulator",
        ChannelReadiness.UnroutedWait =>
            $"messages that no route matches wait: the default channel '{DefaultChannel}' is not enabled and no route takes every message. Set Dispatch:DefaultChannel or add a route without conditions",
        ChannelReadiness.SimulatorOnly =>
            $"traffic goes to the simulator ({string.Join(", ", Simulators)}): no message leaves this machine",
        ChannelReadiness.SimulatorTakesUnrouted =>
            $"messages that no route matches go to the simulator ({DefaultChannel}); real channels: {string.Join(", ", RealChannels)}",
        _ => $"channels: {string.Join(", ", RealChannels)}",
    };
}
