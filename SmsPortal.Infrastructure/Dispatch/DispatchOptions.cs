namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>Section "Dispatch".</summary>
public sealed class DispatchOptions
{
    public const string Section = "Dispatch";

    /// <summary>The channel a message takes when no route names another.</summary>
    public string DefaultChannel { get; set; } = Channels.Simulator.SimulatorChannel.ChannelName;

    /// <summary>Messages one dispatch run claims at most.</summary>
    public int Batch { get; set; } = 500;

    /// <summary>How long the pump, woken by an acceptance, waits for more before it claims (fewer, larger dispatch runs).</summary>
    public int GatherMilliseconds { get; set; } = 20;

    /// <summary>How often a worker looks for messages other nodes accepted.</summary>
    public int PollMilliseconds { get; set; } = 500;

    /// <summary>A claim that names no living worker and is older than this is released again.</summary>
    public int ClaimTimeoutSeconds { get; set; } = 300;

    /// <summary>How often a worker writes that it lives (and looks for claims of workers that stopped).</summary>
    public int HeartbeatSeconds { get; set; } = 2;

    /// <summary>A worker not heard of for this long is dead: its claims are released (a restarted one's at once).</summary>
    public int HolderTimeoutSeconds { get; set; } = 15;

    /// <summary>Submitted messages without a receipt after this many hours expire and their credits come back.</summary>
    public int ExpireAfterHours { get; set; } = 72;

    /// <summary>A handset reply belongs to the latest message sent to its number within this many days.</summary>
    public int ReplyMatchDays { get; set; } = 3;
}
