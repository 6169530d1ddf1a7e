namespace SmsPortal.Domain.Sending;

/// <summary>
/// A handset's message back to the platform (MO). It belongs to the account whose message the handset answers:
/// the latest message sent to that number (through the same channel when it can tell), within a window.
/// </summary>
public sealed class Reply
{
    public long Id { get; set; }

    /// <summary>Null when no account sent to that number recently: kept for the admins, shown to no customer.</summary>
    public int? AccountId { get; set; }

    /// <summary>The message it answers (the vendor's push names its smsid).</summary>
    public long? MessageId { get; set; }

    public required string Mobile { get; set; }

    /// <summary>The number the handset wrote to (source address, perhaps with an extension).</summary>
    public required string To { get; set; }

    public required string Content { get; set; }

    public required string Channel { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>An opt-out reply (TD, 退订, STOP...): the number went on the account's blacklist.</summary>
    public bool IsOptOut { get; set; }

    public string? Raw { get; set; }

    /// <summary>When a receiver bind of the account confirmed this reply's deliver_sm (SMPP server); null until then.</summary>
    public DateTimeOffset? SmppSentAt { get; set; }
}
