namespace SmsPortal.Domain.Abuse;

/// <summary>
/// What the abuse defence refused, counted per account, rule, subject (the number, range or address) and hour: one row
/// per hour of an attack instead of one per request, so a flood cannot flood the database as well.
/// </summary>
public sealed class AbuseRefusal
{
    public const int SubjectMaxLength = 64;

    public long Id { get; set; }

    public int AccountId { get; set; }

    /// <summary>The Verify service the refused code was for; 0 for a plain send (part of the row's unique key, which a null would not hold).</summary>
    public int ServiceId { get; set; }

    public AbuseRule Rule { get; set; }

    /// <summary>The number, range or client address the rule counted ("" for the account or a service's cap).</summary>
    public required string Subject { get; set; }

    /// <summary>Hours since the Unix epoch.</summary>
    public long Hour { get; set; }

    public int Count { get; set; }

    public DateTimeOffset FirstAt { get; set; }

    public DateTimeOffset LastAt { get; set; }
}
