namespace SmsPortal.Domain.Sending;

/// <summary>
/// A count of sends for one key (a number, a number and a text, the account) in one time bucket (a second,
/// a minute, a day). Kept in the database so that every node sees the same counts.
/// </summary>
public sealed class SendCounter
{
    public int AccountId { get; set; }

    public required string Key { get; set; }

    /// <summary>The bucket: seconds, minutes or days since the epoch, by the key's window.</summary>
    public long Bucket { get; set; }

    public int Count { get; set; }
}
