namespace SmsPortal.Infrastructure.Statistics;

/// <summary>
/// A day of the platform's calendar whose final messages are in <see cref="MessageDayCount"/>: the statistics read
/// its rows instead of counting its messages, and count only its <see cref="MessageDayPending"/> messages raw.
/// Today is folded too, up to a mark (<see cref="Open"/>): its messages below <see cref="NextId"/> are in the rollups,
/// the later ones (the minutes since the job's last run) are counted raw.
/// </summary>
public sealed class MessageDayFold
{
    public DateOnly Day { get; set; }

    /// <summary>The calendar the day was cut on (Sending:DayOffsetHours, in minutes): a fold on another calendar is not used.</summary>
    public int OffsetMinutes { get; set; }

    public DateTimeOffset FoldedAt { get; set; }

    /// <summary>
    /// The lowest message id accepted after the day, when it was folded: every later day's messages have ids from here.
    /// For an <see cref="Open"/> day, the mark: the day's messages with lower ids are folded, the others are not.
    /// </summary>
    public long NextId { get; set; }

    /// <summary>The day had not ended when it was folded: folded up to the mark <see cref="NextId"/>, the rest counted raw.</summary>
    public bool Open { get; set; }
}
