namespace SmsPortal.Infrastructure.Statistics;

/// <summary>
/// A message of a folded day that was not final when the day was folded (its receipt had not come): counted raw by the
/// statistics until <see cref="DayRollups"/> finds it final and moves it into the day's rollup rows.
/// </summary>
public sealed class MessageDayPending
{
    public long MessageId { get; set; }

    public DateOnly Day { get; set; }

    /// <summary>The message's account: an account's reading takes its own pending messages only (index AccountId, Day).</summary>
    public int AccountId { get; set; }
}
