using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Accounts;

/// <summary>Reads where an account stands on <see cref="GettingStarted"/>.</summary>
public sealed class GettingStartedQuery(IDbContextFactory<SmsPortalDbContext> contexts)
{
    public async Task<GettingStarted> GetAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var verified = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.IsVerified).FirstOrDefaultAsync(cancellationToken);
        var signature = await db.Signatures.AnyAsync(s => s.AccountId == accountId && s.State == ReviewState.Approved, cancellationToken);
        var template = await db.MessageTemplates.AnyAsync(t => t.AccountId == accountId && t.State == ReviewState.Approved, cancellationToken);
        var paid = await db.LedgerEntries.AnyAsync(e => e.AccountId == accountId && e.Kind == LedgerEntryKind.TopUp, cancellationToken);
        var api = await db.Messages.AnyAsync(
            m => m.AccountId == accountId && (m.Door == SubmissionDoor.VendorApi || m.Door == SubmissionDoor.RestApi || m.Door == SubmissionDoor.Smpp), cancellationToken);
        return new GettingStarted(verified, signature && template, paid, api);
    }
}
