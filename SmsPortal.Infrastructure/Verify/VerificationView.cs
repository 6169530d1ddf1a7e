using SmsPortal.Domain.Verify;

namespace SmsPortal.Infrastructure.Verify;

/// <summary>A verification as the doors show it: never its seed or hash.</summary>
public sealed record VerificationView(
    string Sid,
    string ServiceSid,
    int AccountId,
    string Mobile,
    string Channel,
    VerificationStatus Status,
    int Checks,
    int MaxChecks,
    int Sends,
    string? Locale,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset LastSentAt,
    DateTimeOffset ExpiresAt)
{
    public static VerificationView Of(Verification verification, string serviceSid, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(verification);
        return new(
            verification.Sid, serviceSid, verification.AccountId, verification.Mobile, verification.Channel, verification.StatusAt(now),
            verification.Checks, verification.MaxChecks, verification.Sends, verification.Locale,
            verification.CreatedAt, verification.UpdatedAt, verification.LastSentAt, verification.ExpiresAt);
    }
}
