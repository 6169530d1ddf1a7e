using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Infrastructure.Verify;

/// <summary>
/// The answer of a start, check or cancel: the verification as it now stands, whether a checked code was right, or why
/// nothing was done.
/// </summary>
public sealed record VerifyResult(
    VerifyFailure Failure,
    VerificationView? Verification = null,
    bool Valid = false,
    string? Detail = null,
    SubmitResult? Send = null,
    int? RetryAfterSeconds = null)
{
    public bool IsDone => Failure == VerifyFailure.None;

    public static VerifyResult Fail(VerifyFailure failure, string? detail = null) => new(failure, Detail: detail);
}
