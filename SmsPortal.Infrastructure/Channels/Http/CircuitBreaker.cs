namespace SmsPortal.Infrastructure.Channels.Http;

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
