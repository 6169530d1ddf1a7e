using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels.Http;

/// <summary>Makes "Http" channels; each gets a named HTTP client of its own, set up from its settings.</summary>
internal sealed class HttpChannelFactory(
    IHttpClientFactory http,
    HttpChannelClients clients,
    HttpChannelCallbackHandler callbacks,
    TimeProvider clock,
    ILoggerFactory loggers) : IChannelFactory
{
    public const string TypeName = "Http";

    public string Type => TypeName;

    public ChannelSettingSet Settings => HttpChannelDeclaration.All;

    public ISmsChannel Create(string name, IConfiguration settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var read = HttpChannelSettings.Read(name, settings);
        var clientName = clients.Add(name, read);
        var channel = new HttpChannel(name, read, http, clientName, clock, loggers.CreateLogger<HttpChannel>(), c =>
        {
            callbacks.Unregister(c);
            clients.Remove(clientName);
        });
        callbacks.Register(channel);
        return channel;
    }
}
