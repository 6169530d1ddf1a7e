using System.Collections.Concurrent;

namespace SmsPortal.Infrastructure.Abuse;

/// <summary>
/// Counts per key in fixed windows, in this node's memory. Sends are counted once accepted, so a send the writer refuses
/// (over a per-number limit, out of credits) does not use up a window; a parallel burst can pass a limit by the sends
/// still being decided.
/// </summary>
internal sealed class VelocityCounters(TimeProvider clock, int maxTracked)
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private long _prunedAt = long.MinValue;

    /// <summary>Whether the window of <paramref name="key"/> holds its limit already. A limit of 0 is never full.</summary>
    public bool IsFull(string key, VelocityLimit limit)
    {
        if (limit.Limit == 0 || !_counters.TryGetValue(key, out var counter))
        {
            return false;
        }

        lock (counter)
        {
            return counter.Window == Window(limit) && counter.Count >= limit.Limit;
        }
    }

    /// <summary>Counts one send in the window of <paramref name="key"/>.</summary>
    public void Add(string key, VelocityLimit limit)
    {
        if (limit.Limit == 0)
        {
            return;
        }

        var window = Window(limit);
        if (_counters.Count >= maxTracked && !_counters.ContainsKey(key))
        {
            // At most one sweep a second: a bulk send to many numbers fills the table with windows that have not
            // ended, and sweeping it on every send would cost a walk of the whole table each time.
            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            if (Interlocked.Exchange(ref _prunedAt, now) != now)
            {
                Prune(now);
            }

            if (_counters.Count >= maxTracked)
            {
                // Full of live windows: a new key is not counted until some end (the limits fail open, never shut).
                return;
            }
        }

        var counter = _counters.GetOrAdd(key, _ => new Counter());
        lock (counter)
        {
            if (counter.Window != window)
            {
                counter.Window = window;
                counter.Count = 0;
            }

            counter.Count++;
            counter.Ends = (window + 1) * limit.WindowSeconds;
        }
    }

    /// <summary>Counts one and says whether it was still under the limit (for pumping, where every attempt counts).</summary>
    public bool TryTake(string key, VelocityLimit limit)
    {
        if (IsFull(key, limit))
        {
            return false;
        }

        Add(key, limit);
        return true;
    }

    private long Window(VelocityLimit limit) => clock.GetUtcNow().ToUnixTimeSeconds() / limit.WindowSeconds;

    private void Prune(long now)
    {
        foreach (var (key, counter) in _counters)
        {
            if (Volatile.Read(ref counter.Ends) <= now)
            {
                _counters.TryRemove(new KeyValuePair<string, Counter>(key, counter));
            }
        }
    }

    private sealed class Counter
    {
        public long Window = -1;
        public int Count;
        public long Ends;
    }
}
