using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Infrastructure.Channels.Smpp.Server;

/// <summary>
/// The SMPP 3.4 server customers bind to (<c>Smpp:Port</c>; off when unset). Accepts connections up to
/// <see cref="SmppServerOptions.MaxConnections"/> (and <see cref="SmppServerOptions.MaxConnectionsPerAddress"/> from one
/// address), gives each a <see cref="SmppConnection"/>, and holds what the connections share: the binds per account,
/// the per-account throughput cap, the request rates per address and per account (RateLimits, as on the HTTP doors),
/// the long messages being joined and the refused binds. Every
/// <see cref="SmppServerOptions.KeyCheckSeconds"/> each bind's API key is checked against the database, so a key
/// rotated or removed on any node ends the binds made with it.
/// </summary>
public sealed partial class SmppServer(
    SmppServerOptions options,
    SubmissionService submissions,
    SendingProfiles profiles,
    SmppForwarder forwarder,
    SmppServerStatus status,
    AccountRateLimiter accountRate,
    IOptions<RateLimitOptions> rateLimits,
    TimeProvider clock,
    Observability.SmsPortalTelemetry telemetry,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private sealed class Bucket
    {
        public double Tokens;
        public long Stamp;
    }

    private readonly ILogger _logger = loggers.CreateLogger<SmppServer>();
    private readonly ILogger _sessionLogger = loggers.CreateLogger<SmppConnection>();
    private readonly ConcurrentDictionary<SmppConnection, byte> _connections = new();
    private readonly Dictionary<string, int> _connectionsPerAddress = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _bindsPerAccount = [];
    private readonly ConcurrentDictionary<int, Bucket> _buckets = new();
    private readonly PartitionedRateLimiter<string> _addressRate = PartitionedRateLimiter.Create<string, string>(
        address => AccountRateLimiter.Partition(address, rateLimits.Value.PerAddressPerSecond));
    private readonly CancellationTokenSource _stopping = new();
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private Task? _housekeeping;
    private int _checkingKeys;

    internal SmppServerOptions Options => options;

    internal SubmissionService Submissions => submissions;

    internal SendingProfiles Profiles => profiles;

    internal SmppForwarder Forwarder => forwarder;

    internal SmppServerStatus Status => status;

    internal TimeProvider Clock => clock;

    internal Observability.SmsPortalTelemetry Telemetry => telemetry;

    internal SmppPartAssembler Parts { get; } = new(options, clock);

    internal SmppBindGuard BindGuard { get; } = new(options, clock);

    /// <summary>The port bound (the configured one, or the one the system chose for 0); null before start.</summary>
    public int? Port => status.Port;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var listener = new TcpListener(options.Host, options.Port!.Value);
        if (options.Host.Equals(IPAddress.IPv6Any))
        {
            listener.Server.DualMode = true;
        }

        listener.Start(backlog: 512);
        _listener = listener;
        status.Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        LogListening(_logger, status.Port.Value);
        _acceptLoop = Task.Run(() => AcceptLoopAsync(listener), CancellationToken.None);
        _housekeeping = Task.Run(HousekeepingAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener?.Stop();
        foreach (var connection in _connections.Keys)
        {
            connection.Session.Close("server stopping");
        }

        await Task.WhenAll(new[] { _acceptLoop, _housekeeping }.OfType<Task>()).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        status.Port = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        await _addressRate.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(TcpListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException exception)
            {
                LogAcceptFailed(_logger, exception.Message);
                continue;
            }

            try
            {
                Open(socket);
            }
            catch (Exception exception) when (exception is SocketException or IOException or ObjectDisposedException)
            {
                LogAcceptFailed(_logger, exception.Message);
                socket.Dispose();
            }
        }
    }

    private void Open(Socket socket)
    {
        var remote = socket.RemoteEndPoint as IPEndPoint;
        var address = remote?.Address is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : remote?.Address;
        var peerIp = address?.ToString() ?? "unknown";
        if (_connections.Count >= options.MaxConnections)
        {
            LogTooManyConnections(_logger, peerIp, options.MaxConnections);
            status.Error();
            socket.Dispose();
            return;
        }

        lock (_connectionsPerAddress)
        {
            var held = _connectionsPerAddress.GetValueOrDefault(peerIp);
            if (held >= options.MaxConnectionsPerAddress)
            {
                LogTooManyFromAddress(_logger, peerIp, options.MaxConnectionsPerAddress);
                status.Error();
                socket.Dispose();
                return;
            }

            _connectionsPerAddress[peerIp] = held + 1;
        }

        socket.NoDelay = true;
        var name = string.Create(CultureInfo.InvariantCulture, $"client {peerIp}:{remote?.Port}");
        var connection = new SmppConnection(this, new NetworkStream(socket, ownsSocket: true), peerIp, name, _sessionLogger);
        _connections[connection] = 0;
        status.Opened();
        _ = connection.Session.Completion.ContinueWith(_ => Closed(connection), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        connection.Start();
        _ = CloseIfNotBoundAsync(connection);
    }

    private async Task CloseIfNotBoundAsync(SmppConnection connection)
    {
        try
        {
            await Task.WhenAny(connection.Session.Completion, Task.Delay(TimeSpan.FromSeconds(options.BindTimeoutSeconds), clock, _stopping.Token));
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (connection.Binding is null && connection.Session.IsOpen)
        {
            connection.Session.Close($"not bound within {options.BindTimeoutSeconds} s");
        }
    }

    private void Closed(SmppConnection connection)
    {
        _connections.TryRemove(connection, out _);
        lock (_connectionsPerAddress)
        {
            if (--_connectionsPerAddress[connection.PeerIp] == 0)
            {
                _connectionsPerAddress.Remove(connection.PeerIp);
            }
        }

        status.Closed(connection);
        if (connection.Binding is { } binding)
        {
            lock (_bindsPerAccount)
            {
                if (--_bindsPerAccount[binding.AccountId] == 0)
                {
                    _bindsPerAccount.Remove(binding.AccountId);
                }
            }
        }
    }

    /// <summary>Counts a bind against the account's limit; false when the account has all it may hold.</summary>
    internal bool TryRegister(SmppConnection connection, SmppBinding binding)
    {
        lock (_bindsPerAccount)
        {
            var held = _bindsPerAccount.GetValueOrDefault(binding.AccountId);
            if (held >= options.MaxSessionsPerAccount || !connection.Session.IsOpen)
            {
                return false;
            }

            _bindsPerAccount[binding.AccountId] = held + 1;
        }

        status.Bound(connection);
        return true;
    }

    /// <summary>
    /// One submit from the rates every API door shares: the client address's (RateLimits:PerAddressPerSecond, this
    /// door's own bucket) and then the account's over all its binds and the HTTP doors (RateLimits:PerAccountPerSecond).
    /// A second's worth waits briefly; false beyond it (ESME_RTHROTTLED).
    /// </summary>
    internal async ValueTask<bool> TryTakeRateAsync(int accountId, string peerIp, CancellationToken cancellationToken)
    {
        using (var lease = await _addressRate.AcquireAsync(peerIp, 1, cancellationToken))
        {
            if (!lease.IsAcquired)
            {
                return false;
            }
        }

        return await accountRate.TryAcquireAsync(accountId, cancellationToken);
    }

    /// <summary>One submit from the account's per-second allowance (a token bucket holding one second's worth).</summary>
    internal bool TryTakeThroughput(int accountId)
    {
        var bucket = _buckets.GetOrAdd(accountId, _ => new Bucket { Tokens = options.MaxPerSecondPerAccount, Stamp = clock.GetTimestamp() });
        lock (bucket)
        {
            var now = clock.GetTimestamp();
            var elapsed = clock.GetElapsedTime(bucket.Stamp, now).TotalSeconds;
            bucket.Stamp = now;
            bucket.Tokens = Math.Min(options.MaxPerSecondPerAccount, bucket.Tokens + elapsed * options.MaxPerSecondPerAccount);
            if (bucket.Tokens < 1)
            {
                return false;
            }

            bucket.Tokens--;
            return true;
        }
    }

    private async Task HousekeepingAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        var keysCheckedAt = clock.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                BindGuard.Prune();
                if (clock.GetElapsedTime(keysCheckedAt) >= TimeSpan.FromSeconds(options.KeyCheckSeconds))
                {
                    keysCheckedAt = clock.GetTimestamp();
                    _ = Task.Run(CheckKeysAsync, CancellationToken.None);
                }

                var dropped = Parts.DropExpired();
                if (dropped > 0)
                {
                    LogPartsDropped(_logger, dropped, options.PartTimeoutSeconds);
                    for (var i = 0; i < dropped; i++)
                    {
                        status.Error();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    // Profiles are read through the sending profiles' short cache, so this is one query per bound account every few seconds.
    private async Task CheckKeysAsync()
    {
        if (Interlocked.Exchange(ref _checkingKeys, 1) == 1)
        {
            return;
        }

        try
        {
            await CheckEveryKeyAsync();
        }
        finally
        {
            Volatile.Write(ref _checkingKeys, 0);
        }
    }

    private async Task CheckEveryKeyAsync()
    {
        foreach (var connection in _connections.Keys.Where(c => c.Binding is not null))
        {
            try
            {
                await connection.CheckKeyAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogKeyCheckFailed(_logger, exception);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMPP server: connection from {Peer} refused, already {Max} open from that address")]
    private static partial void LogTooManyFromAddress(ILogger logger, string peer, int max);

    [LoggerMessage(Level = LogLevel.Error, Message = "SMPP server: checking the binds' API keys failed; trying again at the next turn")]
    private static partial void LogKeyCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMPP server listening on port {Port}")]
    private static partial void LogListening(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMPP server: accepting a connection failed: {Problem}")]
    private static partial void LogAcceptFailed(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMPP server: connection from {Peer} refused, already {Max} open")]
    private static partial void LogTooManyConnections(ILogger logger, string peer, int max);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMPP server: {Count} long message(s) dropped, parts missing after {Seconds} s")]
    private static partial void LogPartsDropped(ILogger logger, int count, int seconds);
}
