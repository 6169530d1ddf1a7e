namespace SmsPortal.Infrastructure.Statistics;

/// <summary>
/// One group of the statistics: its key (a day yyyy-MM-dd, a template id, a signature, a carrier, a channel, an API ID),
/// a label to show beside it where the key alone says little, and what became of its messages. Parts are the
/// credits the messages were charged (a long SMS is several); <see cref="MoneyFen"/> what international messages were
/// charged in money (CNY fen), failed ones refunded: delivered and pending ones.
/// </summary>
public sealed record StatisticsRow(string Key, string? Label, long Sent, long Delivered, long Failed, long Parts, long MoneyFen = 0)
{
    /// <summary>Accepted, dispatching or waiting for the receipt.</summary>
    public long Pending => Sent - Delivered - Failed;

    /// <summary>Delivered of those with an outcome; null when none has one yet.</summary>
    public double? DeliveryRate => Delivered + Failed == 0 ? null : Delivered / (double)(Delivered + Failed);
}
