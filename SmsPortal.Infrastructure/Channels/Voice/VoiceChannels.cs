using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SmsPortal.Domain.Channels;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels.Http;

using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels.Voice;

/// <summary>
/// The voice channels codes are called through: every <c>Channels:&lt;name&gt;</c> with <c>Type = HttpVoice</c>, routed
/// by the same <c>Prefixes</c> / <c>Priority</c> / <c>Weight</c> settings as an SMS channel (one without them takes any
/// mainland number at priority 100; a number abroad only a channel whose prefixes name its country, or "+"); else the voice simulator where <c>Verify:VoiceSimulator</c> is true (its default in
/// Development); else none, and a verification asked for by call is refused. Each provider's settings are read and checked
/// like an HTTP SMS provider's, by the same reader, when the first call is asked for.
/// </summary>
public sealed class VoiceChannels(IConfiguration configuration, IHostEnvironment environment, IEnumerable<IChannelFactory> factories, VoiceSimulator simulator) : IAsyncDisposable
{
    private readonly Lazy<(IReadOnlyDictionary<string, IVoiceChannel> Channels, IReadOnlyList<Route> Routes)> _table = new(() => Make(configuration, environment, factories, simulator));

    /// <summary>True for a <c>Channels:&lt;name&gt;:Type</c> that is a voice type (the SMS channel registry leaves those here).</summary>
    public static bool IsVoiceType(string? type) => string.Equals(type, HttpVoiceChannel.TypeName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this install has a voice channel at all.</summary>
    public bool Any => _table.Value.Channels.Count > 0;

    /// <summary>The channels that may call <paramref name="number"/> for the account, in the order to try them: by priority, and within one by weighted chance.</summary>
    public IReadOnlyList<IVoiceChannel> For(int accountId, MobileNumber number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var (channels, routes) = _table.Value;
        return RouteTable.Candidates(routes, accountId, number.Value, number.Carrier, Random.Shared.NextDouble)
            .Select(r => channels[r.Channel])
            .Distinct()
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (_table.IsValueCreated)
        {
            foreach (var channel in _table.Value.Channels.Values.OfType<IAsyncDisposable>())
            {
                await channel.DisposeAsync();
            }
        }
    }

    private static (IReadOnlyDictionary<string, IVoiceChannel>, IReadOnlyList<Route>) Make(IConfiguration configuration, IHostEnvironment environment, IEnumerable<IChannelFactory> factories, VoiceSimulator simulator)
    {
        var channels = new Dictionary<string, IVoiceChannel>(StringComparer.OrdinalIgnoreCase);
        var routes = new List<Route>();
        foreach (var declared in configuration.GetSection(ChannelRegistry.Section).GetChildren().Where(c => IsVoiceType(c["Type"]) && c.GetValue("Enabled", true)))
        {
            var http = factories.Single(f => f.Type == HttpChannelFactory.TypeName);
            channels[declared.Key] = new HttpVoiceChannel(http.Create(declared.Key, declared));
            var own = ChannelRegistry.DeclaredRoutes(declared.Key, new ChannelSettingsReader(ChannelSettingsReader.ChannelPrefix(declared.Key), declared), -1 - routes.Count);
            routes.AddRange(own.Count > 0 ? own : [new Route { Id = -1 - routes.Count, Channel = declared.Key }]);
        }

        if (channels.Count == 0 && configuration.GetValue("Verify:VoiceSimulator", environment.IsDevelopment()))
        {
            channels[simulator.Name] = simulator;
            // The simulator calls any number, at home or abroad.
            routes.Add(new Route { Id = -1, Channel = simulator.Name });
            routes.Add(new Route { Id = -2, Channel = simulator.Name, Prefix = RoutePrefix.Abroad });
        }

        return (channels, routes);
    }
}
