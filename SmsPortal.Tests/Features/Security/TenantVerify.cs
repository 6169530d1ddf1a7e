namespace SmsPortal.Tests.Features.Security;

/// <summary>What A owns in Verify for the isolation matrix: a service (its sid and its name) and a pending verification.</summary>
public sealed record TenantVerify(string ServiceSid, string ServiceName, string VerificationSid);
