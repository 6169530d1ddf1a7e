using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Resellers;

namespace SmsPortal.Infrastructure.Billing;

/// <summary>
/// An admin adds or takes credits by hand: with a reason, through the ledger, audited in the same transaction. Credits
/// added to a reseller deliver its waiting sales in that transaction (<see cref="ResellerSales"/>).
/// </summary>
public sealed class AdjustmentService(IDbContextFactory<SmsPortalDbContext> contexts, CreditLedger ledger, ResellerSales sales, TimeProvider clock)
{
    public async Task<BillingResult> AdjustAsync(string? apiId, long amount, string? reason, BillingActor admin, CancellationToken cancellationToken)
    {
        if (AdjustmentRules.Check(amount, reason, long.MaxValue / 2) is { } error)
        {
            return BillingResult.Refused(error);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().Where(a => a.ApiId == (apiId ?? "").Trim()).Select(a => new { a.Id, a.Name }).SingleOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return BillingResult.Refused("Error.UnknownAccount");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var balances = amount > 0
            ? await sales.LockForCreditAsync(db, [account.Id], account.Id, cancellationToken)
            : await ledger.LockBalancesAsync(db, [account.Id], cancellationToken);
        var before = balances[account.Id];
        if (AdjustmentRules.Check(amount, reason, before) is { } belowZero)
        {
            return BillingResult.Refused(belowZero);
        }

        var why = reason!.Trim();
        var entries = ledger.Append(db, balances, [new LedgerLine(account.Id, LedgerEntryKind.Adjustment, amount, Reference: "ADJ", Note: why.Length > 500 ? why[..500] : why)]);
        db.BillingAuditEntries.Add(Audit.Entry(clock, admin, BillingAction.Adjustment, account.Id, account.Name,
            KeyedText.Of("Audit.Adjustment", ("amount", amount.ToString("+#;-#", CultureInfo.InvariantCulture)), ("before", before), ("after", entries[0].BalanceAfter)), why));
        if (amount > 0)
        {
            await sales.DeliverWaitingAsync(db, account.Id, balances, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return BillingResult.Done(entries[0].Id);
    }
}
