namespace SmsPortal.Tests.Features.Security;

/// <summary>
/// Who calls in the isolation matrix; A owns the ids every row uses. A, B and the direct customer are the platform's
/// own customers; reseller R1's customer (CustomerOfR1) and R2's (CustomerOfR2) own one of everything as A does, so the
/// reseller rows cross each other's ids too.
/// </summary>
public enum Caller
{
    CustomerA,
    CustomerB,
    Admin,
    Anonymous,
    ResellerR1,
    ResellerR2,
    CustomerOfR1,
    CustomerOfR2,
    DirectCustomer,
}
