using SmsPortal.Domain.Review;

namespace SmsPortal.Domain.Sending;

/// <summary>
/// The trial rule: until an account is verified (enterprise real-name) and has paid once, it may send only the
/// default template (id 1) under the platform's default signature, so free credits cannot carry anyone's own text.
/// </summary>
public static class TrialPolicy
{
    public static bool IsInTrial(bool isVerified, bool hasPaid) => !(isVerified && hasPaid);

    /// <summary>
    /// Null when the message may go. In trial, another signature is 4075 (no signature of the account counts as
    /// approved yet) and another template is 4072 (only the default template counts as approved). Signatures compare
    /// exactly, as the platform writes them.
    /// </summary>
    public static Rejection? Check(bool isVerified, bool hasPaid, int templateId, string signature, string platformDefaultSignature)
    {
        if (!IsInTrial(isVerified, hasPaid))
        {
            return null;
        }

        if (!string.Equals(signature, platformDefaultSignature, StringComparison.Ordinal))
        {
            return new Rejection(ResultCode.SignatureNotApproved, Detail: "trial: platform signature only");
        }

        return templateId == MessageTemplate.DefaultId
            ? null
            : new Rejection(ResultCode.TemplateMismatch, Detail: "trial: default template only");
    }
}
