namespace SmsPortal.Infrastructure.Records;

/// <summary>
/// Where a day of a filter begins: in the reader's display zone when there is one (decision 0028), else in the
/// platform's calendar (a fixed offset, Sending:DayOffsetHours).
/// </summary>
public static class CalendarDay
{
    public static DateTimeOffset Start(DateOnly day, TimeZoneInfo? zone, TimeSpan platformOffset)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (zone is null)
        {
            return new DateTimeOffset(midnight, platformOffset).ToUniversalTime();
        }

        // A midnight skipped by a clock change begins the day at the first valid minute after it.
        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(midnight, zone), TimeSpan.Zero);
    }

    /// <summary>The end (exclusive) of the last day of a filter.</summary>
    public static DateTimeOffset End(DateOnly day, TimeZoneInfo? zone, TimeSpan platformOffset) => Start(day.AddDays(1), zone, platformOffset);
}
