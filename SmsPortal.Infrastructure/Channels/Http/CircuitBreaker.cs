namespace SmsPortal.Infrastructure.Channels.Http;

internal enum CallHealth
{
    /// <summary>The provider answered as a working provider does (accepted or refused a message).</summary>
    Healthy,

    /// <summary>Down, timing out, answering 5xx or garbage, or saying the channel itself cannot send.</summary>
    Failed,

    /// <summary>Says nothing about the provider (the caller gave up before anything was sent).</summary>
    Neutral,
}

/// <summary>
/// Closed → open after <c>failuresToOpen</c> failures in a row → after <c>openFor</c>, one probe request goes out
/// (half-open) while every other call is refused; the probe's health closes the circuit or opens it again.
/// </summary>
internal sealed class CircuitBreaker(int failuresToOpen, TimeSpan openFor, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private int _failures;
    private DateTimeOffset? _openUntil;
    private bool _probing;

    /// <summary>A word for the admin page: "closed", "open", "half-open".</summary>
    public string State
    {
        get
        {
            lock (_lock)
            {
                return _probing ? "half-open" : _openUntil is { } until && clock.GetUtcNow() < until ? "open" : "closed";
            }
        }
    }

    /// <summary>False while open and while the probe is out; true once the open time is over, so a router sends the probe.</summary>
    public bool AllowsTraffic
    {
        get
        {
            lock (_lock)
            {
                return !_probing && (_openUntil is not { } until || clock.GetUtcNow() >= until);
            }
        }
    }

    /// <summary>May a request go out now? <paramref name="probe"/> says whether it is the half-open probe.</summary>
    public bool TryEnter(out bool probe)
    {
        lock (_lock)
        {
            probe = false;
            if (_openUntil is null)
            {
                return true;
            }

            if (_probing || clock.GetUtcNow() < _openUntil)
            {
                return false;
            }

            _probing = true;
            probe = true;
            return true;
        }
    }

    /// <returns>True when this call opened the circuit.</returns>
    public bool Record(CallHealth health, bool probe)
    {
        lock (_lock)
        {
            if (probe)
            {
                _probing = false;
                switch (health)
                {
                    case CallHealth.Healthy:
                        _openUntil = null;
                        _failures = 0;
                        return false;
                    case CallHealth.Failed:
                        _openUntil = clock.GetUtcNow() + openFor;
                        return true;
                    default:
                        return false; // still open, and due: the next call probes
                }
            }

            if (health == CallHealth.Healthy)
            {
                _failures = 0;
            }
            else if (health == CallHealth.Failed && _openUntil is null && ++_failures >= failuresToOpen)
            {
                _openUntil = clock.GetUtcNow() + openFor;
                return true;
            }

            return false;
        }
    }
}

/// <summary>Requests handed over in the last few whole seconds, per second.</summary>
internal sealed class RateMeter(TimeProvider clock)
{
    private const int Seconds = 5;
    private readonly long[] _second = new long[Seconds];
    private readonly int[] _count = new int[Seconds];
    private readonly Lock _lock = new();

    public void Mark()
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        lock (_lock)
        {
            var slot = (int)(now % Seconds);
            if (_second[slot] != now)
            {
                _second[slot] = now;
                _count[slot] = 0;
            }

            _count[slot]++;
        }
    }

    public double PerSecond
    {
        get
        {
            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            lock (_lock)
            {
                var total = 0;
                for (var i = 0; i < Seconds; i++)
                {
                    if (now - _second[i] < Seconds)
                    {
                        total += _count[i];
                    }
                }

                return total / (double)Seconds;
            }
        }
    }
}
