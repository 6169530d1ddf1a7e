using SmsPortal.Infrastructure.Abuse;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Abuse;

/// <summary>The velocity windows in a node's memory, bounded: full of live windows, they stop taking new keys and keep counting the old.</summary>
public sealed class VelocityCountersTests
{
    [Fact]
    public void AFullTableCountsNoNewKeyUntilWindowsEndAndKeepsCountingTheOnesItHolds()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-12-03T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var counters = new VelocityCounters(clock, maxTracked: 100);
        var oneAnHour = new VelocityLimit { Limit = 1, WindowSeconds = 3600 };
        for (var i = 0; i < 100; i++)
        {
            counters.Add($"n:{i}", oneAnHour);
        }

        counters.Add("n:new", oneAnHour);
        Assert.False(counters.IsFull("n:new", oneAnHour));
        Assert.True(counters.IsFull("n:0", oneAnHour));
        Assert.False(counters.TryTake("n:0", oneAnHour));

        // Once the hour is over, the sweep makes room and a new key counts again.
        clock.Advance(TimeSpan.FromHours(1));
        counters.Add("n:new", oneAnHour);
        Assert.True(counters.IsFull("n:new", oneAnHour));
    }
}
