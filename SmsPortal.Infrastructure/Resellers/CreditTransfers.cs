using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Resellers;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Resellers;

/// <summary>The outcome of a transfer: done with both balances after it, or refused with the key of a text that says why.</summary>
public sealed record TransferResult(bool Ok, string? Error, long ResellerBalance = 0, long CustomerBalance = 0)
{
    public static TransferResult Refused(string error) => new(false, error);
}

/// <summary>
/// A reseller gives credits from its balance to one of its customers, or takes unspent ones back: both entries on the
/// ledger and the audit line in one transaction, after locking both balances, so neither side can go below zero
/// whatever races it (see docs/decisions/0027-resellers-money-model.md).
/// </summary>
public sealed class CreditTransfers(IDbContextFactory<SmsPortalDbContext> contexts, CreditLedger ledger, ResellerSales sales, TimeProvider clock)
{
    public Task<TransferResult> TransferAsync(int resellerId, string? customerApiId, long credits, string? reason, BillingActor actor, CancellationToken cancellationToken) =>
        MoveAsync(resellerId, customerApiId, credits, reason, actor, takeBack: false, cancellationToken);

    public Task<TransferResult> TakeBackAsync(int resellerId, string? customerApiId, long credits, string? reason, BillingActor actor, CancellationToken cancellationToken) =>
        MoveAsync(resellerId, customerApiId, credits, reason, actor, takeBack: true, cancellationToken);

    /// <summary>
    /// Moves trial credits from the reseller to its new customer inside the caller's open transaction; nothing when the
    /// reseller gives none or its balance is short. Returns the credits given.
    /// </summary>
    public async Task<long> GiveTrialAsync(SmsPortalDbContext db, int resellerId, int customerId, long credits, CancellationToken cancellationToken)
    {
        if (credits <= 0)
        {
            return 0;
        }

        var balances = await ledger.LockBalancesAsync(db, [resellerId, customerId], cancellationToken);
        if (balances[resellerId] < credits)
        {
            return 0;
        }

        ledger.Append(db, balances,
        [
            new LedgerLine(resellerId, LedgerEntryKind.Transfer, -credits, Note: KeyedText.Of("Ledger.TrialGiven", ("account", customerId))),
            new LedgerLine(customerId, LedgerEntryKind.Trial, credits, Note: KeyedText.Of("Ledger.Trial")),
        ]);
        await db.SaveChangesAsync(cancellationToken);
        return credits;
    }

    private async Task<TransferResult> MoveAsync(int resellerId, string? customerApiId, long credits, string? reason, BillingActor actor, bool takeBack, CancellationToken cancellationToken)
    {
        if (TransferRules.Check(credits, reason) is { } error)
        {
            return TransferResult.Refused(error);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reseller = await db.Accounts.AsNoTracking().Where(a => a.Id == resellerId).Select(a => new { a.Id, a.ApiId, a.Kind, a.Status }).SingleOrDefaultAsync(cancellationToken);
        if (reseller is not { Kind: AccountKind.Reseller })
        {
            return TransferResult.Refused("Error.NotAReseller");
        }

        if (reseller.Status == AccountStatus.Frozen)
        {
            return TransferResult.Refused("Error.ResellerFrozen");
        }

        var apiId = (customerApiId ?? "").Trim();
        // Another reseller's customer and an account that does not exist get the same answer: nothing of theirs shows.
        var customer = await db.Accounts.AsNoTracking().Where(a => a.ApiId == apiId && a.ParentAccountId == resellerId).Select(a => new { a.Id, a.Name, a.ApiId }).SingleOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return TransferResult.Refused("Error.NotYourCustomer");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Credits taken back deliver the reseller's waiting sales, so their buyers are locked with the two sides.
        var balances = takeBack
            ? await sales.LockForCreditAsync(db, [customer.Id], reseller.Id, cancellationToken)
            : await ledger.LockBalancesAsync(db, [reseller.Id, customer.Id], cancellationToken);
        var giving = takeBack ? customer.Id : reseller.Id;
        if (TransferRules.CheckBalance(credits, balances[giving]) is { } over)
        {
            return TransferResult.Refused(takeBack ? "Error.TakeBackOverBalance" : over);
        }

        var why = reason!.Trim();
        var reference = takeBack ? "TAKEBACK" : "TRANSFER";
        var sign = takeBack ? -1 : 1;
        ledger.Append(db, balances,
        [
            new LedgerLine(reseller.Id, LedgerEntryKind.Transfer, -sign * credits, reference, KeyedText.Of(takeBack ? "Ledger.TakenBackFrom" : "Ledger.TransferredTo", ("account", customer.ApiId), ("reason", why))),
            new LedgerLine(customer.Id, LedgerEntryKind.Transfer, sign * credits, reference, KeyedText.Of(takeBack ? "Ledger.TakenBackBy" : "Ledger.TransferredFrom", ("account", reseller.ApiId), ("reason", why))),
        ]);
        db.BillingAuditEntries.Add(Audit.Entry(clock, actor, takeBack ? BillingAction.CreditsTakenBack : BillingAction.CreditsTransferred, customer.Id, customer.Name,
            KeyedText.Of(takeBack ? "Audit.TakenBack" : "Audit.Transferred",
                ("credits", credits.ToString(CultureInfo.InvariantCulture)), ("reseller", reseller.ApiId),
                ("resellerAfter", balances[reseller.Id]), ("customerAfter", balances[customer.Id])),
            why));
        if (takeBack)
        {
            await sales.DeliverWaitingAsync(db, reseller.Id, balances, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new TransferResult(true, null, balances[reseller.Id], balances[customer.Id]);
    }
}
