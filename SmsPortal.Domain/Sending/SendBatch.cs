namespace SmsPortal.Domain.Sending;

/// <summary>
/// One message to many numbers (up to Batches:MaxNumbers), sent later or at once by a worker in chunks through the
/// one submission service: the same checks, charging and result codes as a single send from its door. The numbers
/// are rows (<see cref="SendBatchNumber"/>); each one's outcome is written in the transaction that accepts or
/// refuses it, so the progress is exact after any crash (decision 0036).
/// </summary>
public sealed class SendBatch
{
    public const int ContentMaxLength = 1000;

    public int Id { get; set; }

    public int AccountId { get; set; }

    /// <summary>The door it came through; its messages carry it as every message does.</summary>
    public SubmissionDoor Door { get; set; }

    /// <summary>Who created it: the console user's id, or null for an API key.</summary>
    public string? CreatedByUserId { get; set; }

    /// <summary>Who created it, as shown: the user's e-mail, or the API ID.</summary>
    public required string CreatedBy { get; set; }

    /// <summary>What the submission service is handed for each number: the vendor's content (values joined by | with a template id, else the text).</summary>
    public required string Content { get; set; }

    /// <summary>The approved template's id when sent by template; null when <see cref="Content"/> is a text matched against the templates.</summary>
    public int? TemplateId { get; set; }

    /// <summary>The text as composed when the batch was made (signature and filled template), for the owner to recognise it.</summary>
    public required string Preview { get; set; }

    /// <summary>Parts per number as counted on <see cref="Preview"/>: what the confirmation showed, the cost being this times <see cref="Total"/>.</summary>
    public int Parts { get; set; }

    public int Total { get; set; }

    public SendBatchState State { get; set; }

    /// <summary>When it may start: its creation time for a send "now".</summary>
    public DateTimeOffset ScheduledAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The worker running it ("node/instance", as dispatch claims name it), and until when its hold lasts without renewal.</summary>
    public string? HeldBy { get; set; }

    public DateTimeOffset? HeldUntil { get; set; }
}
