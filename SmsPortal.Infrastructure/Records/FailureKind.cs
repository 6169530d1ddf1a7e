namespace SmsPortal.Infrastructure.Records;

public enum FailureKind
{
    /// <summary>The upstream refused the submit (an SMPP command status such as ESME_RSUBMITFAIL).</summary>
    Refused,

    /// <summary>The carrier's receipt said it was not delivered (stat:UNDELIV, REJECTD, ... with its err: code).</summary>
    Undelivered,

    /// <summary>Sent, and no receipt came before the expiry.</summary>
    NoReceipt,

    /// <summary>No channel took it before the expiry.</summary>
    NotSent,

    /// <summary>Anything else the upstream said; <see cref="FailureReason.Code"/> holds it, shortened.</summary>
    Other,
}
