using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Review;

/// <summary>What the customer typed on the verification form.</summary>
public sealed record VerificationInput(string? CompanyName, string? CreditCode, string? ContactName, string? ContactPhone);

public sealed record VerificationView(
    int Id, string CompanyName, string CreditCode, bool HasLicence, DocumentType? LicenceType, string ContactName, string ContactPhone,
    ReviewState State, string? RejectionReason, DateTimeOffset SubmittedAt, DateTimeOffset? ReviewedAt)
{
    public bool CanEdit => ReviewFlow.CanEdit(State);
}

/// <summary>The answer to saving the form: the verification as now stored, or why nothing was stored.</summary>
public sealed record VerificationOutcome(VerificationView? Verification, IReadOnlyList<VerificationFault> Faults, UploadProblem? Upload = null, bool NotEditable = false)
{
    public bool IsSaved => Verification is not null;
}

/// <summary>The customer's side of enterprise verification: one per account, saved as a draft, handed in, corrected and handed in again.</summary>
public sealed class VerificationService(IDbContextFactory<SmsPortalDbContext> contexts, UploadedDocuments documents, TimeProvider clock)
{
    public async Task<VerificationView?> GetAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var verification = await db.EnterpriseVerifications.AsNoTracking().SingleOrDefaultAsync(v => v.AccountId == accountId, cancellationToken);
        return verification is null ? null : View(verification);
    }

    /// <summary>
    /// Saves the form, with a new licence when <paramref name="licence"/> is given (replacing the old one), and hands it
    /// in for review when <paramref name="submit"/>. A draft keeps whatever is filled in; handing in needs every field
    /// right (<see cref="VerificationRules"/>). A refused upload, a hand-in with faults, or a verification that is
    /// pending or approved stores nothing.
    /// </summary>
    public async Task<VerificationOutcome> SaveAsync(int accountId, VerificationInput input, Stream? licence, bool submit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var verification = await db.EnterpriseVerifications.SingleOrDefaultAsync(v => v.AccountId == accountId, cancellationToken);
        if (verification is null)
        {
            verification = new EnterpriseVerification { AccountId = accountId, CreatedAt = now, SubmittedAt = now };
            db.EnterpriseVerifications.Add(verification);
        }
        else if (!ReviewFlow.CanEdit(verification.State))
        {
            return new VerificationOutcome(null, [], NotEditable: true);
        }

        verification.CompanyName = Clip(input.CompanyName, EnterpriseVerification.CompanyNameMaxLength);
        verification.CreditCode = Clip(UnifiedSocialCreditCode.Normalise(input.CreditCode), UnifiedSocialCreditCode.Length);
        verification.ContactName = Clip(input.ContactName, EnterpriseVerification.ContactNameMaxLength);
        verification.ContactPhone = Clip(input.ContactPhone, EnterpriseVerification.ContactPhoneMaxLength);

        // Over-long fields are named rather than cut, for a draft as for a hand-in.
        var tooLong = TooLong(input);
        var faults = submit ? VerificationRules.Check(WithLicencePlaceholder(verification, licence)).ToList() : [];
        faults.AddRange(tooLong.Where(f => faults.All(x => x.Field != f.Field)));
        if (faults.Count > 0)
        {
            return new VerificationOutcome(null, [.. faults.OrderBy(f => f.Field)]);
        }

        StoredDocument? replaced = null;
        if (licence is not null)
        {
            var upload = await documents.SaveAsync(licence, cancellationToken);
            if (upload.Document is null)
            {
                return new VerificationOutcome(null, [new VerificationFault(VerificationField.Licence)], upload.Problem);
            }

            replaced = verification.Licence;
            verification.Licence = upload.Document;
        }

        if (submit)
        {
            ReviewFlow.Submit(verification, now);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Saved twice at once (two tabs): the other save stands; this upload is not referred to.
            if (licence is not null)
            {
                documents.Delete(verification.Licence);
            }

            return new VerificationOutcome(null, [], NotEditable: true);
        }

        documents.Delete(replaced);
        return new VerificationOutcome(View(verification), []);
    }

    /// <summary>The licence of an account's verification, for its owner or an admin.</summary>
    public async Task<StoredDocument?> FindLicenceAsync(int? accountId, int verificationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.EnterpriseVerifications.AsNoTracking()
            .Where(v => v.Id == verificationId && (accountId == null || v.AccountId == accountId))
            .Select(v => v.Licence)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private static EnterpriseVerification WithLicencePlaceholder(EnterpriseVerification verification, Stream? licence) =>
        licence is null || verification.Licence is not null
            ? verification
            : new EnterpriseVerification
            {
                CompanyName = verification.CompanyName,
                CreditCode = verification.CreditCode,
                ContactName = verification.ContactName,
                ContactPhone = verification.ContactPhone,
                Licence = new StoredDocument { FileName = "", Type = DocumentType.Pdf },
            };

    private static List<VerificationFault> TooLong(VerificationInput input)
    {
        var faults = new List<VerificationFault>();
        if ((input.CompanyName?.Trim().Length ?? 0) > EnterpriseVerification.CompanyNameMaxLength)
        {
            faults.Add(new VerificationFault(VerificationField.CompanyName));
        }

        if (UnifiedSocialCreditCode.Normalise(input.CreditCode).Length > UnifiedSocialCreditCode.Length)
        {
            faults.Add(new VerificationFault(VerificationField.CreditCode, CreditCodeProblem.Length));
        }

        if ((input.ContactName?.Trim().Length ?? 0) > EnterpriseVerification.ContactNameMaxLength)
        {
            faults.Add(new VerificationFault(VerificationField.ContactName));
        }

        if ((input.ContactPhone?.Trim().Length ?? 0) > EnterpriseVerification.ContactPhoneMaxLength)
        {
            faults.Add(new VerificationFault(VerificationField.ContactPhone));
        }

        return faults;
    }

    private static string Clip(string? text, int max)
    {
        var trimmed = text?.Trim() ?? "";
        return trimmed.Length > max ? trimmed[..max] : trimmed;
    }

    private static VerificationView View(EnterpriseVerification v) => new(
        v.Id, v.CompanyName, v.CreditCode, v.Licence is not null, v.Licence?.Type, v.ContactName, v.ContactPhone,
        v.State, v.RejectionReason, v.SubmittedAt, v.ReviewedAt);
}
