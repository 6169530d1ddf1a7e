namespace SmsPortal.Infrastructure.Channels;

/// <summary>Whether accepted messages have a real way out, as an operator needs to know it.</summary>
public enum ChannelReadiness
{
    /// <summary>Messages leave through real channels.</summary>
    Ready,

    /// <summary>Real channels exist, but messages that no routing rule matches go to a simulator.</summary>
    SimulatorTakesUnrouted,

    /// <summary>A simulator is the only channel: every message "arrives" without leaving this machine.</summary>
    SimulatorOnly,

    /// <summary>Real channels exist, but messages that no routing rule matches have no channel and wait.</summary>
    UnroutedWait,

    /// <summary>No channel at all: every message waits until it expires and is refunded.</summary>
    NoChannel,
}
