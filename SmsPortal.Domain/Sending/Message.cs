using System.Globalization;

namespace SmsPortal.Domain.Sending;

/// <summary>
/// One accepted SMS. The row is written in the same transaction as its credit reservation, before the
/// caller hears "accepted": the message table is the outbox that dispatch reads, and the record customers see.
/// </summary>
public sealed class Message
{
    public long Id { get; set; }

    public int AccountId { get; set; }

    /// <summary>The receiving number, normalised (mainland: 11 digits; abroad: country code, space, number).</summary>
    public required string Mobile { get; set; }

    /// <summary>The text as sent: 【signature】 + body.</summary>
    public required string Text { get; set; }

    public int? TemplateId { get; set; }

    /// <summary>Billed parts (a long SMS is several).</summary>
    public int Parts { get; set; }

    public bool IsVerificationCode { get; set; }

    public MessageStatus Status { get; set; }

    public SubmissionDoor Door { get; set; }

    public DateTimeOffset AcceptedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? DoneAt { get; set; }

    /// <summary>The channel that took it, and what the upstream called it and answered (kept raw for the record).</summary>
    public string? Channel { get; set; }

    public string? UpstreamId { get; set; }

    public string? UpstreamStatus { get; set; }

    public int DispatchAttempts { get; set; }

    /// <summary>
    /// While Dispatching: the worker holding the claim ("node/instance", see the WorkerInstances table). A worker that
    /// stops heart-beating loses its claims; a restarted process releases its predecessor's at start.
    /// </summary>
    public string? ClaimedBy { get; set; }

    /// <summary>An accepted message waits until then before dispatch claims it again (its channels were down or busy).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>What the route's upstream charges for this message (cost per part × parts), once a channel took it.</summary>
    public decimal? UpstreamCost { get; set; }

    /// <summary>For an international message: the destination's calling code ("852"); null for a mainland one.</summary>
    public string? Country { get; set; }

    /// <summary>
    /// For an international message: what it is charged in money, CNY fen (price per segment × parts), reserved from the
    /// money balance at acceptance and refunded if it fails; null for a message charged in credits.
    /// </summary>
    public long? PriceFen { get; set; }

    /// <summary>For an international message: what the platform pays for it by its price list, CNY fen (cost per segment × parts); null when not recorded.</summary>
    public long? CostFen { get; set; }

    /// <summary>
    /// For an international message of a reseller's customer: the reseller whose money balance paid the platform's price
    /// for it (decision 0034), and how much, CNY fen (the platform's price per segment × parts); refunded with the
    /// customer's charge. Null for everyone else's messages.
    /// </summary>
    public int? ResellerAccountId { get; set; }

    /// <inheritdoc cref="ResellerAccountId"/>
    public long? WholesaleFen { get; set; }

    /// <summary>The client's key for a retried request (REST Idempotency-Key): the same key answers the same message.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>
    /// For a message submitted over SMPP that asked for a receipt (registered_delivery): Wanted until the customer's
    /// receiver bind confirmed the receipt's deliver_sm, then Sent. Null for every other message.
    /// </summary>
    public SmppReceiptState? SmppReceipt { get; set; }

    /// <summary>
    /// For a message that came by mail from an account that has its receipts mailed back: the sender's address the
    /// receipt goes to once the message is final. Null for every other message.
    /// </summary>
    public string? ReceiptMailTo { get; set; }

    /// <summary>When the receipt mail was handed to the mail sender (claimed first, so it goes once).</summary>
    public DateTimeOffset? ReceiptMailedAt { get; set; }

    public bool IsFinal => Status is MessageStatus.Delivered or MessageStatus.Failed or MessageStatus.Expired;

    /// <summary>
    /// The vendor's smsid: 20 digits, the minute of acceptance (yyMMddHHmm, UTC) followed by the row id.
    /// Unique without coordination between nodes (the id comes from the database) and sortable by time.
    /// </summary>
    public string SmsId => FormatSmsId(AcceptedAt, Id);

    public static string FormatSmsId(DateTimeOffset acceptedAt, long id) =>
        acceptedAt.UtcDateTime.ToString("yyMMddHHmm", CultureInfo.InvariantCulture) + id.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>The row id an smsid names; null for anything that is not one of ours.</summary>
    public static long? IdOfSmsId(string? smsId) =>
        smsId is { Length: 20 } && smsId.All(char.IsAsciiDigit) && long.TryParse(smsId.AsSpan(10), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
}

/// <summary>Where the SMPP delivery receipt of a message stands (see <see cref="Message.SmppReceipt"/>).</summary>
public enum SmppReceiptState
{
    Wanted = 1,
    Sent = 2,
}

public enum MessageStatus
{
    Accepted = 0,
    Submitted = 1,
    Delivered = 2,
    Failed = 3,
    Expired = 4,

    /// <summary>Claimed by a dispatch job and being handed to a channel.</summary>
    Dispatching = 5,
}

/// <summary>Which door a submission came through; every door uses the same submission service.</summary>
public enum SubmissionDoor
{
    VendorApi = 0,
    RestApi = 1,
    Console = 2,
    Smpp = 3,

    /// <summary>A notice the platform sends on the account's behalf (low balance), charged like any message.</summary>
    PlatformNotice = 4,

    /// <summary>The SMTP door: a mail to &lt;mobile&gt;@ the platform's SMS mail domain.</summary>
    Mail = 5,
}
