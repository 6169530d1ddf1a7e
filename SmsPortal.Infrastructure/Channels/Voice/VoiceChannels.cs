using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SmsPortal.Infrastructure.Channels.Http;

namespace SmsPortal.Infrastructure.Channels.Voice;

/// <summary>
/// The voice channel codes are called through: the first <c>Channels:&lt;name&gt;</c> with <c>Type = HttpVoice</c>,
/// else the voice simulator where <c>Verify:VoiceSimulator</c> is true (its default in Development), else none, and a
/// verification asked for by call is refused. The provider's settings are read and checked like an HTTP SMS
/// provider's, by the same reader, when the first call is asked for.
/// </summary>
public sealed class VoiceChannels(IConfiguration configuration, IHostEnvironment environment, IEnumerable<IChannelFactory> factories, VoiceSimulator simulator) : IAsyncDisposable
{
    private readonly Lazy<IVoiceChannel?> _channel = new(() => Make(configuration, environment, factories, simulator));

    /// <summary>True for a <c>Channels:&lt;name&gt;:Type</c> that is a voice type (the SMS channel registry leaves those here).</summary>
    public static bool IsVoiceType(string? type) => string.Equals(type, HttpVoiceChannel.TypeName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The channel calls go through, or null when this install has none.</summary>
    public IVoiceChannel? Current => _channel.Value;

    public async ValueTask DisposeAsync()
    {
        if (_channel.IsValueCreated && _channel.Value is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    private static IVoiceChannel? Make(IConfiguration configuration, IHostEnvironment environment, IEnumerable<IChannelFactory> factories, VoiceSimulator simulator)
    {
        var declared = configuration.GetSection(ChannelRegistry.Section).GetChildren().FirstOrDefault(c => IsVoiceType(c["Type"]) && c.GetValue("Enabled", true));
        if (declared is not null)
        {
            var http = factories.Single(f => f.Type == HttpChannelFactory.TypeName);
            return new HttpVoiceChannel(http.Create(declared.Key, declared));
        }

        return configuration.GetValue("Verify:VoiceSimulator", environment.IsDevelopment()) ? simulator : null;
    }
}
