using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Ledger;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>
/// What acceptance writes, for both acceptance stores: the Messages row of an accepted submission, and which block
/// of a number decides. EF Core adds the row on PostgreSQL; on SQLite <see cref="SqliteMessageInsert"/> writes every
/// column of the same row, so a new column is set here once and reaches both.
/// </summary>
internal static class AcceptedMessageRow
{
    public static Message Of(PendingSubmission submission, DateTimeOffset acceptedAt) => new()
    {
        AccountId = submission.AccountId,
        Mobile = submission.Mobile,
        Text = submission.Text,
        TemplateId = submission.TemplateId == 0 ? null : submission.TemplateId,
        Parts = submission.Parts,
        IsVerificationCode = submission.IsVerificationCode,
        Status = MessageStatus.Accepted,
        Door = submission.Door,
        AcceptedAt = acceptedAt,
        IdempotencyKey = submission.IdempotencyKey,
        SmppReceipt = submission.WantsSmppReceipt ? SmppReceiptState.Wanted : null,
        ReceiptMailTo = submission.ReceiptMailTo,
        Country = submission.Country,
        PriceFen = submission.IsChargedInMoney ? submission.MoneyCharge : null,
        CostFen = submission.IsChargedInMoney ? submission.CostPerPartFen * submission.Parts : null,
        ResellerAccountId = submission.IsChargedInMoney ? submission.ResellerAccountId : null,
        WholesaleFen = submission.IsChargedInMoney && submission.ResellerAccountId is not null ? submission.WholesaleCharge : null,
    };

    /// <summary>The reservation of an accepted message: its credits, or an international one's money.</summary>
    public static LedgerLine Reserve(PendingSubmission submission, string smsId) => submission.IsChargedInMoney
        ? new LedgerLine(submission.AccountId, LedgerEntryKind.Reserve, -submission.MoneyCharge, smsId) { Currency = LedgerCurrency.Cny }
        : new LedgerLine(submission.AccountId, LedgerEntryKind.Reserve, -submission.Parts, smsId);

    /// <summary>
    /// An international message of a reseller's customer: the reseller's reservation of its wholesale cost, in money,
    /// naming the same message (decision 0034); null for every other message.
    /// </summary>
    public static LedgerLine? WholesaleReserve(PendingSubmission submission, string smsId) => submission is { IsChargedInMoney: true, ResellerAccountId: { } reseller }
        ? new LedgerLine(reseller, LedgerEntryKind.Reserve, -submission.WholesaleCharge, smsId, KeyedText.Of("Ledger.Wholesale")) { Currency = LedgerCurrency.Cny }
        : null;

    /// <summary>Every reservation an accepted message writes: its own (<see cref="Reserve"/>) and the reseller's (<see cref="WholesaleReserve"/>) where there is one.</summary>
    public static IEnumerable<LedgerLine> Reserves(PendingSubmission submission, string smsId)
    {
        yield return Reserve(submission, smsId);
        if (WholesaleReserve(submission, smsId) is { } wholesale)
        {
            yield return wholesale;
        }
    }

    /// <summary>The account's own entry for a number decides over the platform's.</summary>
    public static BlockReason? Deciding(BlockReason? account, BlockReason? platform) => account ?? platform;
}
