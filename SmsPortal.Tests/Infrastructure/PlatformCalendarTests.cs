using Microsoft.Extensions.Options;
using SmsPortal.Infrastructure.Platform;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure;

/// <summary>
/// The one calendar: the daily counters' bucket (<see cref="PlatformCalendar.DayNumber"/>), the seconds left in a day and
/// the days the statistics and filters count must all turn at the same instant, the platform's midnight.
/// </summary>
public sealed class PlatformCalendarTests
{
    private static PlatformCalendar Calendar(int offsetHours, DateTimeOffset now) =>
        new(Options.Create(new SendingOptions { DayOffsetHours = offsetHours }), new ManualClock(now));

    [Theory]
    [InlineData(8, "2026-12-04T15:59:59Z", "2026-12-04", 1)]
    [InlineData(8, "2026-12-04T16:00:00Z", "2026-12-05", 86_400)]
    [InlineData(0, "2026-12-04T23:59:59Z", "2026-12-04", 1)]
    [InlineData(-5, "2026-12-05T04:59:30Z", "2026-12-04", 30)]
    [InlineData(-5, "2026-12-05T05:00:00Z", "2026-12-05", 86_400)]
    [InlineData(14, "2026-12-04T09:00:00Z", "2026-12-04", 3_600)]
    public void TheCountersDayTurnsAtThePlatformsMidnight(int offsetHours, string utc, string day, int secondsLeft)
    {
        var now = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);
        var calendar = Calendar(offsetHours, now);
        var expected = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, calendar.DayOf(now));
        Assert.Equal(expected, calendar.Today);
        Assert.Equal(expected.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber, calendar.DayNumber(now));
        Assert.Equal(secondsLeft, calendar.SecondsToNextDay(now));
        Assert.Equal(calendar.End(expected), now.AddSeconds(secondsLeft));
        Assert.Equal(calendar.DayNumber(now) + 1, calendar.DayNumber(now.AddSeconds(secondsLeft)));
        Assert.Equal(calendar.DayNumber(now), calendar.DayNumber(calendar.Start(expected)));
    }
}
