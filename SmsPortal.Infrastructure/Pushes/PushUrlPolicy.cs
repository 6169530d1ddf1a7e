using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using SmsPortal.Infrastructure.Networking;

namespace SmsPortal.Infrastructure.Pushes;

/// <summary>What <see cref="PushUrlPolicy"/> says of a push URL.</summary>
public enum PushUrlVerdict
{
    Allowed,

    /// <summary>Not an absolute http:// or https:// address with a host.</summary>
    NotHttpUrl,

    /// <summary>A port below 1024 other than 80 and 443: those are other services' (mail, SSH, databases).</summary>
    PortNotAllowed,

    /// <summary>The host is, or resolves to, an address inside the network (loopback, private, link-local, ...).</summary>
    InternalAddress,
}

/// <summary>
/// Where a customer's pushes may go: http or https, a host, port 80, 443 or 1024 and above, and only to public
/// addresses — the same rule when the URL is saved (<see cref="CheckAsync"/>) and when a push connects
/// (<see cref="ConnectAsync"/>: the name is resolved again and every address checked, so a name that resolved to a
/// public address on save and to 127.0.0.1 now is refused). <c>Pushes:AllowedInternalHosts</c> lists the internal
/// host names and address ranges an operator lets pushes reach (a receiver in the same network, tests on loopback).
/// </summary>
public sealed class PushUrlPolicy(IReadOnlyCollection<string> allowedHosts, IReadOnlyCollection<System.Net.IPNetwork> allowedRanges)
{
    public const string AllowedInternalHostsSetting = "Pushes:AllowedInternalHosts";
    public const string MaxConnectionsPerServerSetting = "Pushes:MaxConnectionsPerServer";
    public const int DefaultMaxConnectionsPerServer = 10;

    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The policy from <c>Pushes:AllowedInternalHosts</c> (a list, or one comma-separated value).</summary>
    /// <exception cref="ConfigurationException">An entry that is neither a host name nor an address or CIDR range.</exception>
    public static PushUrlPolicy FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(AllowedInternalHostsSetting);
        var entries = AddressRanges.Split(section.Value).Concat(section.GetChildren().SelectMany(c => AddressRanges.Split(c.Value)));
        var hosts = new List<string>();
        var ranges = new List<System.Net.IPNetwork>();
        foreach (var entry in entries)
        {
            if (AddressRanges.TryParse(entry, out var range))
            {
                ranges.Add(range);
            }
            else if (entry.Contains('/', StringComparison.Ordinal) || Uri.CheckHostName(entry) != UriHostNameType.Dns)
            {
                throw new ConfigurationException(AllowedInternalHostsSetting, $"'{entry}' is neither a host name nor an address or CIDR range (e.g. push.internal, 10.1.2.3, 10.0.0.0/8).");
            }
            else
            {
                hosts.Add(entry.TrimEnd('.'));
            }
        }

        return new PushUrlPolicy(hosts, ranges);
    }

    /// <summary>The URL checked as a push would use it: its form, its port, and every address its host has now.</summary>
    public async Task<PushUrlVerdict> CheckAsync(string? url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            return PushUrlVerdict.NotHttpUrl;
        }

        if (!IsAllowedPort(uri.Port))
        {
            return PushUrlVerdict.PortNotAllowed;
        }

        var host = uri.IdnHost;
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(host, cancellationToken);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A name that does not resolve here now may later: the connect-time check still stands between it and the network.
            return PushUrlVerdict.Allowed;
        }

        return addresses.All(a => Allows(host, a)) ? PushUrlVerdict.Allowed : PushUrlVerdict.InternalAddress;
    }

    /// <summary>A public address, or an internal one the operator listed (by the host's name or by a range).</summary>
    public bool Allows(string host, IPAddress address) =>
        !AddressRanges.IsInternal(address)
        || allowedHosts.Contains(Bare(host).TrimEnd('.'), StringComparer.OrdinalIgnoreCase)
        || AddressRanges.Contains(allowedRanges, address);

    public static bool IsAllowedPort(int port) => port is 80 or 443 or (>= 1024 and <= 65535);

    /// <summary>
    /// The handler of the "customer-pushes" client: connects only to addresses <see cref="Allows"/> accepts, resolving
    /// the name itself so what was checked is what is dialled; no redirects, short connect timeout, bounded pool.
    /// </summary>
    public SocketsHttpHandler CreateHandler(int maxConnectionsPerServer) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        MaxConnectionsPerServer = maxConnectionsPerServer,
        MaxResponseHeadersLength = 16,
        ConnectCallback = ConnectAsync,
    };

    /// <summary>Resolves the host, refuses when any address is not allowed, and connects to the checked addresses.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.DnsEndPoint;
        if (!IsAllowedPort(endpoint.Port))
        {
            throw new HttpRequestException($"Push refused: port {endpoint.Port} is not one pushes may use.");
        }

        var addresses = await ResolveAsync(endpoint.Host, cancellationToken);
        var refused = addresses.FirstOrDefault(a => !Allows(endpoint.Host, a));
        if (addresses.Length == 0 || refused is not null)
        {
            throw new HttpRequestException($"Push refused: {endpoint.Host} resolves to {(refused is null ? "no address" : AddressRanges.Plain(refused))}, inside the network (allow it with {AllowedInternalHostsSetting}).");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(Bare(host), out var literal))
        {
            return [literal];
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResolveTimeout);
        return await Dns.GetHostAddressesAsync(host, timeout.Token);
    }

    private static string Bare(string host) => host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
}
