using SmsPortal.Domain.Sending;

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
    };

    /// <summary>The account's own entry for a number decides over the platform's.</summary>
    public static BlockReason? Deciding(BlockReason? account, BlockReason? platform) => account ?? platform;
}
