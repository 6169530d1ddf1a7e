namespace SmsPortal.Domain.Abuse;

/// <summary>
/// A number range closed to one account after a burst of codes into it (SMS pumping). Durable, so it holds on every node
/// and across restarts, until it expires or the account's owner lifts it in the console.
/// </summary>
public sealed class RangeBlock
{
    public const int RangeMaxLength = 20;

    public long Id { get; set; }

    public int AccountId { get; set; }

    /// <summary>The range as an E.164 prefix (<see cref="NumberRange"/>).</summary>
    public required string Range { get; set; }

    /// <summary>The digits the range hides, for showing it.</summary>
    public int HiddenDigits { get; set; }

    /// <summary>New codes into the range in the window that made the block.</summary>
    public int Codes { get; set; }

    /// <summary>The window the codes came in, in seconds.</summary>
    public int WindowSeconds { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? LiftedAt { get; set; }

    /// <summary>When the alert mail went to the account's owners (the mail job is safe to run twice).</summary>
    public DateTimeOffset? MailedAt { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => LiftedAt is null && ExpiresAt > now;
}
