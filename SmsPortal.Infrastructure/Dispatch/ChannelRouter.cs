using Microsoft.Extensions.Options;
using SmsPortal.Domain.Channels;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;

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

/// <summary>A way a message may leave: the channel, and the rule that chose it (null for the default channel).</summary>
public sealed record RouteChoice(ISmsChannel Channel, Route? Route);

/// <summary>
/// Chooses the channels a message may take, in the order to try them: the routing rules that match its account,
/// number and network (priority, then weight), or the default channel when no rule matches.
/// </summary>
public sealed class ChannelRouter(ChannelRegistry registry, IOptions<DispatchOptions> options)
{
    public IReadOnlyList<RouteChoice> Candidates(Message message)
    {
        var carrier = message.Mobile.Length == 11 && message.Mobile[0] == '1' ? CarrierPrefixes.Of(message.Mobile).Carrier : Carrier.Unknown;
        var choices = new List<RouteChoice>();
        foreach (var route in RouteTable.Candidates(registry.Routes, message.AccountId, message.Mobile, carrier, Random.Shared.NextDouble))
        {
            if (registry.Find(route.Channel) is { } channel && choices.TrueForAll(c => c.Channel != channel))
            {
                choices.Add(new RouteChoice(channel, route));
            }
        }

        if (choices.Count == 0 && registry.Find(options.Value.DefaultChannel) is { } fallback)
        {
            choices.Add(new RouteChoice(fallback, null));
        }

        return choices;
    }
}
