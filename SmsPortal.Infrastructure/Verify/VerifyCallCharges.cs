using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Verify;

/// <summary>
/// A call that speaks a code is charged like one SMS: credits reserved when it is asked for (or, for a fallback, when it
/// is claimed), kept when the provider takes the call, refunded when it fails. Each step is one transaction that moves
/// the verification's <c>CallCharge</c> with a conditional UPDATE and writes the ledger line, so a charge is reserved,
/// settled or refunded once, whatever runs twice.
/// </summary>
public sealed class VerifyCallCharges(CreditLedger ledger)
{
    /// <summary>What a call costs: one SMS.</summary>
    public const int Credits = 1;

    /// <summary>
    /// Reserves the call's credits, unless credits are held already for a call of this verification that is due or being
    /// placed (that reservation pays for it). False when the balance is short: nothing is reserved.
    /// </summary>
    public async Task<bool> ReserveAsync(SmsPortalDbContext db, int accountId, long verificationId, string sid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var charged = await db.Verifications.Where(v => v.Id == verificationId && v.CallCharge == 0)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.CallCharge, Credits), cancellationToken);
        if (charged == 0)
        {
            return true;
        }

        var balances = await ledger.LockBalancesAsync(db, [accountId], cancellationToken);
        if (balances[accountId] < Credits)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        ledger.Append(db, balances, [new LedgerLine(accountId, LedgerEntryKind.Reserve, -Credits, sid, KeyedText.Of("Ledger.VoiceCall"))]);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The call was placed (kept) or failed (refunded): once, in one transaction with clearing the charge.</summary>
    public async Task SettleAsync(SmsPortalDbContext db, int accountId, long verificationId, string sid, bool placed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Verifications.Where(v => v.Id == verificationId && v.CallCharge == Credits)
                .ExecuteUpdateAsync(u => u.SetProperty(v => v.CallCharge, 0), cancellationToken) == 0)
        {
            return;
        }

        var balances = await ledger.LockBalancesAsync(db, [accountId], cancellationToken);
        ledger.Append(db, balances, [placed
            ? new LedgerLine(accountId, LedgerEntryKind.Settle, 0, sid, KeyedText.Of("Ledger.CallPlaced"))
            : new LedgerLine(accountId, LedgerEntryKind.Refund, Credits, sid, KeyedText.Of("Ledger.CallFailed"))]);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
