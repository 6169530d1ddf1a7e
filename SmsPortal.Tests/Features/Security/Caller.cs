namespace SmsPortal.Tests.Features.Security;

/// <summary>Who calls in the isolation matrix; A owns the ids every row uses.</summary>
public enum Caller
{
    CustomerA,
    CustomerB,
    Admin,
    Anonymous,
}
