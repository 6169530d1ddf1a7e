namespace SmsPortal.Infrastructure.Channels.Smpp;

/// <summary>
/// Spaces submit_sm out to at most a rate, and halves that rate for a while after ESME_RTHROTTLED (from the rate
/// actually reached when there is no cap). Also counts what went out, for the status page.
/// </summary>
internal sealed class SubmitPacer(int maxPerSecond, TimeSpan slowdown, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly long[] _perSecond = new long[6];
    private readonly long[] _secondOf = new long[6];
    private double _slowRate;
    private DateTimeOffset _slowUntil;
    private DateTimeOffset _lastHalved;
    private DateTimeOffset _firstCount;
    private DateTimeOffset _next;

    /// <summary>Waits for this submit's turn; false when the turn is later than <paramref name="deadline"/>.</summary>
    public async ValueTask<bool> WaitTurnAsync(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            var rate = CurrentRate(now);
            if (rate <= 0)
            {
                return true;
            }
            var turn = _next > now ? _next : now;
            if (turn > deadline)
            {
                return false;
            }
            _next = turn + TimeSpan.FromSeconds(1 / rate);
            wait = turn - now;
        }
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    private double CurrentRate(DateTimeOffset now) => now < _slowUntil ? _slowRate : maxPerSecond;

    /// <summary>
    /// The upstream said ESME_RTHROTTLED: halve the rate for a while. Refusals of the submits already in flight do
    /// not halve it again: that takes a second at the lower rate.
    /// </summary>
    public void Throttled()
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            _slowUntil = now + slowdown;
            if (now - _lastHalved < TimeSpan.FromSeconds(1))
            {
                return;
            }
            _lastHalved = now;
            var current = CurrentRate(now);
            if (current <= 0)
            {
                current = Math.Max(2, RecentRateLocked(now));
            }
            _slowRate = Math.Max(1, current / 2);
        }
    }

    // What went out over the last two seconds and this one so far, per second.
    private double RecentRateLocked(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        long total = 0;
        for (var i = 0; i < _perSecond.Length; i++)
        {
            if (_secondOf[i] >= second - 2)
            {
                total += _perSecond[i];
            }
        }
        var elapsed = Math.Min(2 + (now.ToUnixTimeMilliseconds() % 1000) / 1000.0, Math.Max(0.05, (now - _firstCount).TotalSeconds));
        return total / elapsed;
    }

    public void Count()
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (_firstCount == default)
            {
                _firstCount = now;
            }
            var second = now.ToUnixTimeSeconds();
            var slot = (int)(second % _perSecond.Length);
            if (_secondOf[slot] != second)
            {
                _secondOf[slot] = second;
                _perSecond[slot] = 0;
            }
            _perSecond[slot]++;
        }
    }

    /// <summary>Submits a second over the last five whole seconds.</summary>
    public double PerSecond()
    {
        lock (_lock)
        {
            return PerSecondLocked(clock.GetUtcNow());
        }
    }

    private double PerSecondLocked(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        long total = 0;
        for (var i = 0; i < _perSecond.Length; i++)
        {
            if (_secondOf[i] < second && _secondOf[i] >= second - 5)
            {
                total += _perSecond[i];
            }
        }
        return total / 5.0;
    }
}
