namespace SmsPortal.Domain.Doors;

/// <summary>An account's settings for the SMTP door (Email to SMS); an account without a row has the defaults (all off).</summary>
public sealed class MailDoorSettings
{
    public int AccountId { get; set; }

    /// <summary>The mail's subject is the message instead of its plain-text body.</summary>
    public bool SubjectIsMessage { get; set; }

    /// <summary>
    /// Sender addresses that may send without SMTP AUTH, one a line, lower-case; honoured only from an address of the
    /// account's IP binding (a sender address alone is forged by anyone).
    /// </summary>
    public string? AllowedSenders { get; set; }

    /// <summary>Delivery receipts of mail-sent messages are mailed back to the sender, besides the usual pushes.</summary>
    public bool MailReceipts { get; set; }
}
