namespace SmsPortal.Infrastructure.Channels.Http;

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
