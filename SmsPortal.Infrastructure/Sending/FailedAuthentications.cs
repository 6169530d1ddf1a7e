using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>
/// Failed authentications on the API doors, counted per API ID (whether or not it names an account) and per
/// client address over RateLimits:FailureWindowSeconds. Past a few, answers come more slowly; past the lockout
/// threshold the address, or the API ID, is refused for the cooling period. An address that authenticated for an
/// API ID within the last day still gets in while that API ID is locked, so guessing someone's key from elsewhere
/// cannot lock its owner out. Counted in this node's memory, bounded by RateLimits:MaxTracked.
/// </summary>
public sealed class FailedAuthentications(IOptions<RateLimitOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan TrustFor = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _trusted = new(StringComparer.Ordinal);
    private long _nextPruneTicks;

    /// <summary>When the caller's lockout ends; null when it may try now.</summary>
    public DateTimeOffset? LockedUntil(string apiId, string? address)
    {
        var now = clock.GetUtcNow();
        if (address is not null && Locked(AddressKey(address), now) is { } byAddress)
        {
            return byAddress;
        }

        if (Locked(IdKey(apiId), now) is { } byId
            && !(address is not null && _trusted.TryGetValue(TrustKey(apiId, address), out var trustedUntil) && trustedUntil > now))
        {
            return byId;
        }

        return null;
    }

    /// <summary>Counts a failure against the API ID and the address; returns how long to hold its answer back.</summary>
    public TimeSpan Failed(string apiId, string? address)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var count = Count(IdKey(apiId), settings.FailuresPerApiIdBeforeLockout, now);
        if (address is not null)
        {
            count = Math.Max(count, Count(AddressKey(address), settings.FailuresPerAddressBeforeLockout, now));
        }

        var beyond = count - settings.FailuresBeforeSlowDown;
        return beyond <= 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Min((long)beyond * settings.SlowDownMilliseconds, settings.MaxSlowDownMilliseconds));
    }

    /// <summary>Remembers that this address holds the API ID's secret.</summary>
    public void Succeeded(string apiId, string? address)
    {
        if (address is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var key = TrustKey(apiId, address);
        if (_trusted.ContainsKey(key) || HasRoom(_trusted, until => until <= now))
        {
            _trusted[key] = now + TrustFor;
        }
    }

    private DateTimeOffset? Locked(string key, DateTimeOffset now)
    {
        if (!_tallies.TryGetValue(key, out var tally))
        {
            return null;
        }

        lock (tally)
        {
            return tally.LockedUntil > now ? tally.LockedUntil : null;
        }
    }

    private int Count(string key, int lockoutAfter, DateTimeOffset now)
    {
        if (!_tallies.TryGetValue(key, out var tally))
        {
            if (!HasRoom(_tallies, t => t.IsStale(now)))
            {
                return 0;
            }

            tally = _tallies.GetOrAdd(key, _ => new Tally());
        }

        var settings = options.Value;
        lock (tally)
        {
            if (tally.WindowEnds <= now)
            {
                tally.Count = 0;
                tally.WindowEnds = now.AddSeconds(settings.FailureWindowSeconds);
            }

            tally.Count++;
            if (tally.Count >= lockoutAfter)
            {
                tally.LockedUntil = now.AddSeconds(settings.LockoutSeconds);
            }

            return tally.Count;
        }
    }

    /// <summary>
    /// Room for one more entry: when full, stale entries go first; when none is stale, there is none. A full table is
    /// swept at most once a second, so a flood of new keys cannot make every request walk it.
    /// </summary>
    private bool HasRoom<T>(ConcurrentDictionary<string, T> entries, Func<T, bool> isStale)
    {
        if (entries.Count < options.Value.MaxTracked)
        {
            return true;
        }

        var now = clock.GetUtcNow().UtcTicks;
        var due = Interlocked.Read(ref _nextPruneTicks);
        if (due > now || Interlocked.CompareExchange(ref _nextPruneTicks, now + TimeSpan.TicksPerSecond, due) != due)
        {
            return false;
        }

        foreach (var (key, value) in entries)
        {
            if (isStale(value))
            {
                entries.TryRemove(key, out _);
            }
        }

        return entries.Count < options.Value.MaxTracked;
    }

    private static string IdKey(string apiId) => "id\n" + apiId;

    private static string AddressKey(string address) => "ip\n" + address;

    private static string TrustKey(string apiId, string address) => apiId + "\n" + address;

    private sealed class Tally
    {
        public int Count { get; set; }

        public DateTimeOffset WindowEnds { get; set; }

        public DateTimeOffset LockedUntil { get; set; }

        public bool IsStale(DateTimeOffset now)
        {
            lock (this)
            {
                return WindowEnds <= now && LockedUntil <= now;
            }
        }
    }
}
