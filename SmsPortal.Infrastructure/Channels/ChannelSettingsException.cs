using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels;

/// <summary>Channel settings that cannot work: every problem, each naming its setting.</summary>
public sealed class ChannelSettingsException(string channel, IReadOnlyList<string> problems)
    : Exception($"Channel '{channel}': {string.Join("; ", problems)}")
{
    public string Channel { get; } = channel;

    public IReadOnlyList<string> Problems { get; } = problems;
}
