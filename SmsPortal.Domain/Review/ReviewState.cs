namespace SmsPortal.Domain.Review;

public enum ReviewState
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,

    /// <summary>Saved but not yet handed in; only enterprise verifications are kept as drafts.</summary>
    Draft = 3,
}
