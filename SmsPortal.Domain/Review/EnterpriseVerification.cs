using SmsPortal.Domain.Sending;

namespace SmsPortal.Domain.Review;

/// <summary>
/// An account's enterprise real-name verification: the company on its business licence. One per account, kept as a
/// draft until handed in; a rejected one is corrected and handed in again. Approval verifies the account.
/// </summary>
public sealed class EnterpriseVerification : IReviewable
{
    public const int CompanyNameMaxLength = 100;
    public const int ContactNameMaxLength = 50;
    public const int ContactPhoneMaxLength = 24;

    public int Id { get; set; }

    public int AccountId { get; set; }

    public string CompanyName { get; set; } = "";

    /// <summary>The unified social credit code, normalised (18 characters, upper case).</summary>
    public string CreditCode { get; set; } = "";

    public StoredDocument? Licence { get; set; }

    public string ContactName { get; set; } = "";

    public string ContactPhone { get; set; } = "";

    public ReviewState State { get; set; } = ReviewState.Draft;

    public string? RejectionReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public string? ReviewedBy { get; set; }
}

public enum VerificationField
{
    CompanyName = 0,
    CreditCode = 1,
    Licence = 2,
    ContactName = 3,
    ContactPhone = 4,
}

/// <summary>A field that keeps a verification from being handed in, and why (a credit code problem for that field).</summary>
public sealed record VerificationFault(VerificationField Field, CreditCodeProblem? CreditCode = null);

public static class VerificationRules
{
    /// <summary>
    /// Everything a reviewer needs: company name (2 to 100 characters), a valid credit code, the licence, a contact
    /// name (up to 50) and a phone (a mobile number or a landline such as 010-12345678). A draft is saved whatever is
    /// missing; handing in needs all of it.
    /// </summary>
    public static IReadOnlyList<VerificationFault> Check(EnterpriseVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        var faults = new List<VerificationFault>();
        var name = verification.CompanyName.Trim();
        if (Characters.Count(name) is < 2 or > EnterpriseVerification.CompanyNameMaxLength)
        {
            faults.Add(new VerificationFault(VerificationField.CompanyName));
        }

        if (UnifiedSocialCreditCode.Check(verification.CreditCode) is { } problem)
        {
            faults.Add(new VerificationFault(VerificationField.CreditCode, problem));
        }

        if (verification.Licence is null)
        {
            faults.Add(new VerificationFault(VerificationField.Licence));
        }

        if (Characters.Count(verification.ContactName.Trim()) is < 1 or > EnterpriseVerification.ContactNameMaxLength)
        {
            faults.Add(new VerificationFault(VerificationField.ContactName));
        }

        if (!IsPhone(verification.ContactPhone))
        {
            faults.Add(new VerificationFault(VerificationField.ContactPhone));
        }

        return faults;
    }

    /// <summary>A mobile number as <see cref="MobileNumber"/> reads it, or a landline: 0, area code and number, 10 to 12 digits, dashes and spaces allowed.</summary>
    public static bool IsPhone(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > EnterpriseVerification.ContactPhoneMaxLength)
        {
            return false;
        }

        if (MobileNumber.Parse(text).IsAccepted)
        {
            return true;
        }

        var digits = new List<char>();
        foreach (var c in text.Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Add(c);
            }
            else if (c is not ('-' or ' '))
            {
                return false;
            }
        }

        return digits.Count is >= 10 and <= 12 && digits[0] == '0' && digits[1] != '0';
    }
}
