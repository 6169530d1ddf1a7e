using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels.Http;

/// <summary>
/// The named HTTP clients of the channels ("http-channel:&lt;name&gt;#&lt;n&gt;", a new name each time a channel is
/// made, so changed settings never meet a cached handler): SocketsHttpHandler with the channel's connect timeout and
/// concurrency, no redirects, no cookies, and a connect hook that tells a request whether it ever got a connection.
/// </summary>
internal sealed class HttpChannelClients : IConfigureNamedOptions<HttpClientFactoryOptions>
{
    private const string Prefix = "http-channel:";
    private readonly ConcurrentDictionary<string, HttpChannelSettings> _settings = new(StringComparer.Ordinal);
    private long _generation;

    public string Add(string channel, HttpChannelSettings settings)
    {
        var name = $"{Prefix}{channel}#{Interlocked.Increment(ref _generation)}";
        _settings[name] = settings;
        return name;
    }

    public void Remove(string clientName) => _settings.TryRemove(clientName, out _);

    public void Configure(HttpClientFactoryOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, HttpClientFactoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name is null || !_settings.TryGetValue(name, out var settings))
        {
            return;
        }

        options.HttpClientActions.Add(client => client.Timeout = Timeout.InfiniteTimeSpan);
        options.HttpMessageHandlerBuilderActions.Add(builder => builder.PrimaryHandler = new SocketsHttpHandler
        {
            ConnectTimeout = settings.Timeout,
            MaxConnectionsPerServer = settings.MaxConcurrent,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(20),
            ConnectCallback = ConnectAsync,
        });
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        context.InitialRequestMessage.Options.TryGetValue(SendProgress.Key, out var progress);
        progress?.MarkConnecting();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            progress?.MarkConnected();
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
