namespace SmsPortal.Domain.Pushes;

public enum PushState
{
    /// <summary>Waiting for its (next) attempt.</summary>
    Pending = 0,

    /// <summary>The receiver answered <c>success</c>.</summary>
    Delivered = 1,

    /// <summary>Every attempt failed; kept for the record.</summary>
    GaveUp = 2,
}
