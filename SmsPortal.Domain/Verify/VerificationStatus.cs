namespace SmsPortal.Domain.Verify;

/// <summary>Where a verification stands; only a pending one can be sent again or checked.</summary>
public enum VerificationStatus
{
    Pending = 0,
    Approved = 1,
    Canceled = 2,

    /// <summary>Its lifetime ran out. Written when a start or check meets it; until then a pending row past its expiry counts as expired.</summary>
    Expired = 3,

    /// <summary>Checked wrong as often as the service allows.</summary>
    MaxAttemptsReached = 4,
}
