namespace SmsPortal.Domain.Doors;

/// <summary>
/// A reply mail of the SMTP door (the numbers of a mail that were refused, with their codes), kept until it is sent:
/// written before the mail is answered, sent at once, and tried again with a growing pause while the mail server
/// refuses it (decision 0032).
/// </summary>
public sealed class MailDoorReply
{
    public const int SubjectMaxLength = 200;

    public long Id { get; set; }

    public required string To { get; set; }

    public required string Subject { get; set; }

    public required string HtmlBody { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>How many times sending was tried (a try claims the row by raising it).</summary>
    public int Attempts { get; set; }

    /// <summary>When it is tried next; moved ahead by each try, so two nodes never send it twice.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Null until the mail server took it.</summary>
    public DateTimeOffset? SentAt { get; set; }
}
