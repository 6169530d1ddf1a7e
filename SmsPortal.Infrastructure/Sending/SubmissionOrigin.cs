namespace SmsPortal.Infrastructure.Sending;

/// <summary>Where a send came from, for the abuse defence: the caller's address (null when a door has none) and the Verify service it carries a code for.</summary>
public sealed record SubmissionOrigin(string? ClientAddress, int? VerifyServiceId = null)
{
    public static SubmissionOrigin Unknown { get; } = new(ClientAddress: null);
}
