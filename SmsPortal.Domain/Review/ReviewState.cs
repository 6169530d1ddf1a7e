namespace SmsPortal.Domain.Review;

public enum ReviewState
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}
