namespace SmsPortal.Infrastructure.Channels.Smpp.Server;

/// <summary>
/// Refused binds per IP address and per system_id, so that passwords cannot be sprayed: each refusal is answered
/// later than the one before (<see cref="SmppServerOptions.BindFailureDelayMilliseconds"/>, doubled per recent
/// failure), and after <see cref="SmppServerOptions.BindLockoutFailures"/> within
/// <see cref="SmppServerOptions.BindLockoutMinutes"/> the address or system_id is locked out for that long: its binds
/// are refused without looking at the password. Bounded: at most <see cref="MaxTracked"/> addresses and ids at once.
/// </summary>
internal sealed class SmppBindGuard(SmppServerOptions options, TimeProvider clock)
{
    public const int MaxTracked = 100_000;

    private sealed class Failures
    {
        public int Count;
        public DateTimeOffset Since;
        public DateTimeOffset LockedUntil;
    }

    private readonly Dictionary<string, Failures> _failures = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private TimeSpan Span => TimeSpan.FromMinutes(options.BindLockoutMinutes);

    /// <summary>True while the address or the system_id is locked out.</summary>
    public bool IsLockedOut(string address, string systemId)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            return Locked(AddressKey(address), now) || Locked(IdKey(systemId), now);
        }
    }

    /// <summary>Counts a refused bind; returns how long to wait before answering it.</summary>
    public TimeSpan Failed(string address, string systemId)
    {
        var now = clock.GetUtcNow();
        int count;
        lock (_lock)
        {
            count = Math.Max(Count(AddressKey(address), now), Count(IdKey(systemId), now));
        }

        var doublings = Math.Min(Math.Max(0, count - 1), 4);
        return TimeSpan.FromMilliseconds(options.BindFailureDelayMilliseconds * (1 << doublings));
    }

    /// <summary>Forgets failures older than the lock-out span.</summary>
    public void Prune()
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            foreach (var key in _failures.Where(f => Expired(f.Value, now)).Select(f => f.Key).ToList())
            {
                _failures.Remove(key);
            }
        }
    }

    private static string AddressKey(string address) => "address " + address;

    private static string IdKey(string systemId) => "system_id " + systemId;

    private bool Expired(Failures failures, DateTimeOffset now) => now - failures.Since >= Span && now >= failures.LockedUntil;

    private bool Locked(string key, DateTimeOffset now) => _failures.TryGetValue(key, out var failures) && failures.LockedUntil > now;

    private int Count(string key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var failures) || Expired(failures, now))
        {
            if (_failures.Count >= MaxTracked && failures is null)
            {
                return 1; // full: the delay still applies, the lock-out only to what is already tracked
            }

            failures = new Failures { Since = now };
            _failures[key] = failures;
        }

        failures.Count++;
        if (failures.Count >= options.BindLockoutFailures)
        {
            failures.LockedUntil = now + Span;
        }

        return failures.Count;
    }
}
