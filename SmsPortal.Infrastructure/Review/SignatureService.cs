using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Review;

public enum SignatureProblem
{
    /// <summary>Not a plain name of 2 to 30 letters and digits (4070); <see cref="SignatureFiling.Detail"/> says what.</summary>
    Format = 0,

    /// <summary>The account already has this signature, or it is the platform's own.</summary>
    Duplicate = 1,

    /// <summary>A listed sensitive word.</summary>
    SensitiveWord = 2,

    DocumentMissing = 3,

    /// <summary>The document was refused: see <see cref="SignatureFiling.Upload"/>.</summary>
    Document = 4,

    NotEditable = 5,
}

public sealed record SignatureFiling(int? SignatureId, SignatureProblem? Problem, UploadProblem? Upload = null, string? Detail = null)
{
    public bool IsFiled => SignatureId is not null;
}

public sealed record SignatureRow(
    int Id, int? AccountId, string Text, SignaturePurpose Purpose, bool HasDocument, ReviewState State, string? RejectionReason,
    DateTimeOffset SubmittedAt, DateTimeOffset? ReviewedAt)
{
    public bool IsPlatformDefault => AccountId is null;
}

/// <summary>Signatures: the platform's default, which every account may use, and each account's own, reviewed by admins.</summary>
public sealed class SignatureService(
    IDbContextFactory<SmsPortalDbContext> contexts,
    UploadedDocuments documents,
    SensitiveWords sensitiveWords,
    TimeProvider clock)
{
    /// <summary>The platform's approved signatures first (always usable), then the account's, newest first.</summary>
    public async Task<IReadOnlyList<SignatureRow>> ListAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Signatures.AsNoTracking()
            .Where(s => s.AccountId == accountId || (s.AccountId == null && s.State == ReviewState.Approved))
            .OrderBy(s => s.AccountId == null ? 0 : 1).ThenByDescending(s => s.Id)
            .Select(s => new SignatureRow(s.Id, s.AccountId, s.Text, s.Purpose, s.Document != null, s.State, s.RejectionReason, s.SubmittedAt, s.ReviewedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The signatures an account may send under: its approved ones and the platform's (what the pipeline checks for
    /// 4075, next to <see cref="Domain.Sending.TrialPolicy"/>).
    /// </summary>
    public async Task<IReadOnlyList<string>> ApprovedForAccountAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Signatures.AsNoTracking()
            .Where(s => s.State == ReviewState.Approved && (s.AccountId == accountId || s.AccountId == null))
            .OrderBy(s => s.AccountId == null ? 0 : 1).ThenBy(s => s.Id)
            .Select(s => s.Text)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Files a signature with its supporting document (a PNG, JPEG or PDF, judged by content). Refused, with nothing
    /// stored: a format SignatureRules refuses, a duplicate (the account's own, in any state, or the platform's), a
    /// sensitive word, a missing or refused document.
    /// </summary>
    public async Task<SignatureFiling> FileAsync(int accountId, string? text, SignaturePurpose purpose, Stream? document, CancellationToken cancellationToken)
    {
        var signature = text?.Trim();
        if (await CheckTextAsync(signature, cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Signatures.AnyAsync(s => (s.AccountId == accountId || s.AccountId == null) && s.Text == signature, cancellationToken))
        {
            return new SignatureFiling(null, SignatureProblem.Duplicate);
        }

        if (document is null)
        {
            return new SignatureFiling(null, SignatureProblem.DocumentMissing);
        }

        var upload = await documents.SaveAsync(document, cancellationToken);
        if (upload.Document is not { } stored)
        {
            return new SignatureFiling(null, SignatureProblem.Document, upload.Problem);
        }

        var now = clock.GetUtcNow();
        var row = new Signature
        {
            AccountId = accountId,
            Text = signature!,
            Purpose = purpose,
            Document = stored,
            State = ReviewState.Pending,
            CreatedAt = now,
            SubmittedAt = now,
        };
        db.Signatures.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same signature filed twice at once: the unique index let one through.
            documents.Delete(stored);
            return new SignatureFiling(null, SignatureProblem.Duplicate);
        }

        return new SignatureFiling(row.Id, null);
    }

    /// <summary>Hands a rejected signature in again, with a new purpose and, when given, a new document.</summary>
    public async Task<SignatureFiling> ResubmitAsync(int accountId, int signatureId, SignaturePurpose purpose, Stream? document, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Signatures.SingleOrDefaultAsync(s => s.Id == signatureId && s.AccountId == accountId, cancellationToken);
        if (row is null || !ReviewFlow.CanEdit(row.State))
        {
            return new SignatureFiling(null, SignatureProblem.NotEditable);
        }

        var old = row.Document;
        if (document is not null)
        {
            var upload = await documents.SaveAsync(document, cancellationToken);
            if (upload.Document is null)
            {
                return new SignatureFiling(null, SignatureProblem.Document, upload.Problem);
            }

            row.Document = upload.Document;
        }

        row.Purpose = purpose;
        ReviewFlow.Submit(row, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        if (document is not null)
        {
            documents.Delete(old);
        }

        return new SignatureFiling(row.Id, null);
    }

    /// <summary>Removes one of the account's own signatures and its document; the platform's cannot be removed.</summary>
    public async Task<bool> DeleteAsync(int accountId, int signatureId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Signatures.SingleOrDefaultAsync(s => s.Id == signatureId && s.AccountId == accountId, cancellationToken);
        if (row is null)
        {
            return false;
        }

        db.Signatures.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        documents.Delete(row.Document);
        return true;
    }

    /// <summary>The document of a signature, for its owner (<paramref name="accountId"/>) or, when null, an admin.</summary>
    public async Task<StoredDocument?> FindDocumentAsync(int? accountId, int signatureId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Signatures.AsNoTracking()
            .Where(s => s.Id == signatureId && s.AccountId != null && (accountId == null || s.AccountId == accountId))
            .Select(s => s.Document)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<SignatureFiling?> CheckTextAsync(string? signature, CancellationToken cancellationToken)
    {
        if (SignatureRules.Check(signature) is { } rejection)
        {
            return new SignatureFiling(null, SignatureProblem.Format, Detail: rejection.Detail);
        }

        var matcher = await sensitiveWords.GetMatcherAsync(cancellationToken);
        return matcher.FindFirst(signature!) is { } word
            ? new SignatureFiling(null, SignatureProblem.SensitiveWord, Detail: word.Word)
            : null;
    }
}
