namespace SmsPortal.Infrastructure.Statistics;

/// <summary>
/// A day of the platform's calendar whose final messages are in <see cref="MessageDayCount"/>: the statistics read
/// its rows instead of counting its messages, and count only its <see cref="MessageDayPending"/> messages raw.
/// </summary>
public sealed class MessageDayFold
{
    public DateOnly Day { get; set; }

    /// <summary>The calendar the day was cut on (Sending:DayOffsetHours, in minutes): a fold on another calendar is not used.</summary>
    public int OffsetMinutes { get; set; }

    public DateTimeOffset FoldedAt { get; set; }

    /// <summary>The lowest message id accepted after the day, when it was folded: every later day's messages have ids from here.</summary>
    public long NextId { get; set; }
}
