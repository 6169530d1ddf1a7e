using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Pushes;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>
/// Applies what upstreams report: the message's final status, the settlement of its credits (kept when
/// delivered, refunded when failed), and the receipt push to the customer. A receipt that arrives twice
/// changes nothing the second time.
/// </summary>
public sealed class ReceiptProcessor(
    IDbContextFactory<SmsPortalDbContext> contexts,
    CreditLedger ledger,
    CustomerPushes pushes,
    TimeProvider clock) : IUpstreamEvents
{
    /// <summary>Raised after a message reached its final status, for pages that show records live.</summary>
    public event Action<int, long>? Finished;

    public async Task ReceiptAsync(string channel, string upstreamId, bool delivered, string raw, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var message = await db.Messages.SingleOrDefaultAsync(m => m.Channel == channel && m.UpstreamId == upstreamId, cancellationToken);
        if (message is null || message.IsFinal)
        {
            return;
        }

        await FinishAsync(db, message, delivered ? MessageStatus.Delivered : MessageStatus.Failed, raw, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Announce(db, message);
    }

    /// <summary>Ends a message (delivered, failed, expired) with its settlement, inside the caller's transaction.</summary>
    public async Task FinishAsync(SmsPortalDbContext db, Message message, MessageStatus status, string raw, CancellationToken cancellationToken)
    {
        message.Status = status;
        message.DoneAt = clock.GetUtcNow();
        message.UpstreamStatus = raw.Length <= 500 ? raw : raw[..500];
        var line = status == MessageStatus.Delivered
            ? new LedgerLine(message.AccountId, LedgerEntryKind.Settle, 0, message.SmsId, $"Delivered: {message.Parts} charged")
            : new LedgerLine(message.AccountId, LedgerEntryKind.Refund, message.Parts, message.SmsId, status == MessageStatus.Expired ? "Expired" : "Not delivered");
        await ledger.AppendAsync(db, [line], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Pushes the receipt to the account's URL in the vendor's form and tells live pages.</summary>
    public void Announce(SmsPortalDbContext db, Message message)
    {
        var url = db.Accounts.Where(a => a.Id == message.AccountId).Select(a => a.ReceiptPushUrl).SingleOrDefault();
        pushes.Enqueue(message.AccountId, PushKind.Receipt, url, new Dictionary<string, string>
        {
            ["code"] = message.Status == MessageStatus.Delivered ? "2" : "0",
            ["msg"] = message.Status switch
            {
                MessageStatus.Delivered => "DELIVRD",
                MessageStatus.Expired => "EXPIRED",
                _ => "UNDELIV",
            },
            ["mobilephone"] = message.Mobile,
            ["smsid"] = message.SmsId,
            ["report_time"] = (message.DoneAt ?? clock.GetUtcNow()).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        });
        Finished?.Invoke(message.AccountId, message.Id);
    }
}
