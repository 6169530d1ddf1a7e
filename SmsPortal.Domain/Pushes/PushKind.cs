namespace SmsPortal.Domain.Pushes;

public enum PushKind
{
    Receipt,
    Reply,
    ReviewResult,
}
