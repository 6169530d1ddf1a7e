using System.Globalization;
using Microsoft.Extensions.Options;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Infrastructure.Platform;

/// <summary>
/// The one calendar of the platform (decision 0028): its days (Sending:DayOffsetHours, a fixed offset) are what the daily
/// limits, the statistics and the daily rollups count, and where a day picked in a filter begins, in the reader's display
/// zone or, without one, in the platform's calendar. The statistics, the rollups and the records read their days here.
/// </summary>
public sealed class PlatformCalendar(IOptions<SendingOptions> sending, TimeProvider clock)
{
    /// <summary>The offset of the platform's days from UTC.</summary>
    public TimeSpan Offset => TimeSpan.FromHours(sending.Value.DayOffsetHours);

    public int OffsetMinutes => sending.Value.DayOffsetHours * 60;

    /// <summary>Today on the platform's calendar.</summary>
    public DateOnly Today => DayOf(clock.GetUtcNow());

    /// <summary>The zone the platform's days are counted in, as the pages and exports name it: "UTC+08:00".</summary>
    public string ZoneLabel => Label(Offset);

    /// <summary>"UTC+08:00", "UTC-05:00", "UTC" for an offset.</summary>
    public static string Label(TimeSpan offset) => offset == TimeSpan.Zero
        ? "UTC"
        : "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    /// <summary>The platform's day an instant falls on.</summary>
    public DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(time.ToOffset(Offset).DateTime);

    /// <summary>
    /// The platform's day an instant falls on, as a whole number of days since 1970-01-01 on the platform's calendar: the
    /// bucket the daily counters (per-number and per-account daily limits, a verification service's daily cap) are kept in.
    /// </summary>
    public long DayNumber(DateTimeOffset time) => (time.ToUnixTimeSeconds() + (long)Offset.TotalSeconds) / 86_400;

    /// <summary>Whole seconds from an instant to the start of the next platform day (1 to 86,400).</summary>
    public int SecondsToNextDay(DateTimeOffset time) => (int)(86_400 - ((time.ToUnixTimeSeconds() + (long)Offset.TotalSeconds) % 86_400));

    /// <summary>Where a day of the platform's calendar starts, in UTC.</summary>
    public DateTimeOffset Start(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    /// <summary>Where a day of the platform's calendar ends (exclusive), in UTC.</summary>
    public DateTimeOffset End(DateOnly day) => Start(day.AddDays(1));

    /// <summary>Where a day picked in a filter starts, in UTC: in <paramref name="zone"/> (the reader's), or the platform's day without one.</summary>
    public DateTimeOffset Start(DateOnly day, TimeZoneInfo? zone) => DayStart(day, zone, Offset);

    /// <summary>The end (exclusive) of the last day of a filter.</summary>
    public DateTimeOffset End(DateOnly day, TimeZoneInfo? zone) => DayStart(day.AddDays(1), zone, Offset);

    /// <summary>
    /// Whether the days of <paramref name="zone"/> are the platform's days (no zone, or a zone without summer time at the
    /// platform's offset): only then may a filter's days be read from the daily rollups and the folds' id marks as they are.
    /// </summary>
    public bool IsPlatformDays(TimeZoneInfo? zone) => zone is null || (!zone.SupportsDaylightSavingTime && zone.BaseUtcOffset == Offset);

    /// <summary>The start of a day in a zone, or at a fixed offset without one; a midnight a clock change skips begins at the first valid time after it.</summary>
    public static DateTimeOffset DayStart(DateOnly day, TimeZoneInfo? zone, TimeSpan platformOffset)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (zone is null)
        {
            return new DateTimeOffset(midnight, platformOffset).ToUniversalTime();
        }

        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(midnight, zone), TimeSpan.Zero);
    }
}
