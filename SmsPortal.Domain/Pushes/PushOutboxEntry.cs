namespace SmsPortal.Domain.Pushes;

/// <summary>
/// A push owed to a customer's URL, written in the same transaction as the receipt, reply or review result it
/// reports, and sent by the push pump. Times are Unix milliseconds so that every store writes them the same way.
/// </summary>
public sealed class PushOutboxEntry
{
    public long Id { get; set; }

    public int AccountId { get; set; }

    public PushKind Kind { get; set; }

    /// <summary>The message a receipt or reply is about, when there is one.</summary>
    public long? MessageId { get; set; }

    public required string Url { get; set; }

    /// <summary>The form-encoded body, exactly as it is posted (and signed).</summary>
    public required string Body { get; set; }

    public PushState State { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the pump may take it (again): a fresh row is leased to the node that wrote it for a while.</summary>
    public long DueAtMs { get; set; }

    public long CreatedAtMs { get; set; }

    public long? DoneAtMs { get; set; }

    /// <summary>What the receiver (or the connection) answered last.</summary>
    public string? LastAnswer { get; set; }
}
