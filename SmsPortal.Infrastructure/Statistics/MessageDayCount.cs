namespace SmsPortal.Infrastructure.Statistics;

/// <summary>
/// A daily rollup row: of one account's messages accepted on <see cref="Day"/> (the platform's calendar) that were
/// final when the day was folded, how many had the key <see cref="Key"/> of the grouping <see cref="By"/>, and what
/// became of them. <see cref="StatisticsGrouping.Day"/> rows (key "") are the account's day totals (they also serve the
/// grouping by account). Written only by <see cref="DayRollups"/>, never on the send path.
/// </summary>
public sealed class MessageDayCount
{
    public const int KeyMaxLength = 100;

    public DateOnly Day { get; set; }

    public int AccountId { get; set; }

    public StatisticsGrouping By { get; set; }

    public string Key { get; set; } = "";

    public long Sent { get; set; }

    public long Delivered { get; set; }

    /// <summary>Failed and expired.</summary>
    public long Failed { get; set; }

    public long Parts { get; set; }

    /// <summary>What the delivered ones of them were charged in money (international messages), CNY fen; failed ones are refunded.</summary>
    public long MoneyFen { get; set; }
}
