using Microsoft.Extensions.Options;
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

    /// <summary>How often a worker looks for messages other nodes accepted.</summary>
    public int PollMilliseconds { get; set; } = 500;

    /// <summary>A claim older than this is released again (the worker died holding it).</summary>
    public int ClaimTimeoutSeconds { get; set; } = 300;

    /// <summary>Submitted messages without a receipt after this many hours expire and their credits come back.</summary>
    public int ExpireAfterHours { get; set; } = 72;
}

/// <summary>Chooses the channel of a message. Routing rules by account, prefix and carrier grow here.</summary>
public sealed class ChannelRouter(IEnumerable<ISmsChannel> channels, IOptions<DispatchOptions> options)
{
    private readonly Dictionary<string, ISmsChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    public ISmsChannel ChannelFor(Message message) =>
        _channels.TryGetValue(options.Value.DefaultChannel, out var channel)
            ? channel
            : throw new InvalidOperationException($"Dispatch:DefaultChannel names '{options.Value.DefaultChannel}', which is not a channel of this node.");
}
