using System.Collections.Concurrent;

namespace SmsPortal.Infrastructure.Channels.Smpp.Server;

/// <summary>
/// What the SMPP server is doing on this node, for the admin page: whether it runs and on which port, the binds per
/// account, submits a second and the errors seen (refused binds, undecodable PDUs, failed submits).
/// </summary>
public sealed class SmppServerStatus(TimeProvider clock)
{
    private readonly ConcurrentDictionary<SmppConnection, byte> _bound = new();
    private readonly Lock _rateLock = new();
    private long _second;
    private int _thisSecond;
    private int _lastSecond;
    private long _submits;
    private long _errors;
    private long _connections;

    /// <summary>The port the server listens on; null when it is off on this node.</summary>
    public int? Port { get; internal set; }

    public bool Running => Port is not null;

    /// <summary>Connections open now, bound or not.</summary>
    public int OpenConnections => (int)Interlocked.Read(ref _connections);

    public long SubmitsAccepted => Interlocked.Read(ref _submits);

    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Submits accepted in the last whole second.</summary>
    public int SubmitsPerSecond
    {
        get
        {
            lock (_rateLock)
            {
                var now = clock.GetUtcNow().ToUnixTimeSeconds();
                return now == _second ? _lastSecond : now == _second + 1 ? _thisSecond : 0;
            }
        }
    }

    public IReadOnlyList<SmppAccountSessions> Sessions() =>
        [.. _bound.Keys.Where(c => c.Binding is not null)
            .GroupBy(c => (c.Binding!.AccountId, c.Binding.ApiId))
            .Select(g => new SmppAccountSessions(g.Key.AccountId, g.Key.ApiId,
                g.Count(c => c.Binding!.Kind == SmppBindKind.Transmitter),
                g.Count(c => c.Binding!.Kind == SmppBindKind.Receiver),
                g.Count(c => c.Binding!.Kind == SmppBindKind.Transceiver)))
            .OrderBy(s => s.ApiId, StringComparer.Ordinal)];

    internal void Opened() => Interlocked.Increment(ref _connections);

    internal void Closed(SmppConnection connection)
    {
        Interlocked.Decrement(ref _connections);
        _bound.TryRemove(connection, out _);
    }

    internal void Bound(SmppConnection connection) => _bound[connection] = 0;

    internal void Error() => Interlocked.Increment(ref _errors);

    internal void Accepted()
    {
        Interlocked.Increment(ref _submits);
        lock (_rateLock)
        {
            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            if (now != _second)
            {
                _lastSecond = now == _second + 1 ? _thisSecond : 0;
                _thisSecond = 0;
                _second = now;
            }

            _thisSecond++;
        }
    }
}
