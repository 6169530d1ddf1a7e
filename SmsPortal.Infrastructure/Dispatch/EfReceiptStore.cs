using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Pushes;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Pushes;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>Receipts and expiry through EF Core (PostgreSQL): the accounts concerned are locked before their entries are written.</summary>
internal sealed class EfReceiptStore(IDbContextFactory<SmsPortalDbContext> contexts, CreditLedger ledger, PushOutbox outbox) : IReceiptStore
{
    public async Task<FinishBatch> ApplyAsync(IReadOnlyList<ReceiptToApply> receipts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var finished = new List<(Message Message, MessageStatus Status, string Raw)>();
        var unmatched = new HashSet<int>();
        var seen = new HashSet<long>();
        foreach (var group in receipts.Select((r, i) => (Receipt: r, Index: i)).GroupBy(r => r.Receipt.Channel))
        {
            var ids = group.Select(r => r.Receipt.UpstreamId).Distinct().ToArray();
            var messages = (await db.Messages.Where(m => m.Channel == group.Key && ids.Contains(m.UpstreamId!)).OrderBy(m => m.Id).ToListAsync(cancellationToken))
                .GroupBy(m => m.UpstreamId!).ToDictionary(g => g.Key, g => g.Last());
            foreach (var (receipt, index) in group)
            {
                if (!messages.TryGetValue(receipt.UpstreamId, out var message))
                {
                    unmatched.Add(index);
                }
                else if (!message.IsFinal && seen.Add(message.Id))
                {
                    finished.Add((message, receipt.Delivered ? MessageStatus.Delivered : MessageStatus.Failed, receipt.Raw));
                }
            }
        }

        var pushes = await FinishAsync(db, finished, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FinishBatch(finished.ConvertAll(f => new FinishedMessage(f.Message.AccountId, f.Message.Id, f.Status, f.Message.AcceptedAt)), unmatched, pushes);
    }

    public async Task<FinishBatch> ExpireAsync(ExpiryKind kind, DateTimeOffset before, int expireAfterHours, int max, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var from = kind == ExpiryKind.NoReceipt ? MessageStatus.Submitted : MessageStatus.Accepted;
        var due = kind == ExpiryKind.NoReceipt
            ? db.Messages.Where(m => m.Status == from && m.SubmittedAt < before)
            : db.Messages.Where(m => m.Status == from && m.AcceptedAt < before);
        var ids = await due.OrderBy(m => m.Id).Select(m => m.Id).Take(max).ToListAsync(cancellationToken);

        // Claimed like dispatch claims (the row lock makes a racing claim re-check the status), so a dispatcher
        // cannot send one while it expires.
        var marker = "expiry/" + Guid.NewGuid().ToString("N");
        await db.Messages.Where(m => ids.Contains(m.Id) && m.Status == from)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Dispatching).SetProperty(m => m.ClaimedBy, marker), cancellationToken);
        var messages = await db.Messages.Where(m => m.Status == MessageStatus.Dispatching && m.ClaimedBy == marker).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        foreach (var message in messages)
        {
            message.ClaimedBy = null;
            if (kind == ExpiryKind.NotSent)
            {
                message.SubmittedAt = null;
            }
        }

        var pushes = await FinishAsync(db, messages.ConvertAll(m => (m, MessageStatus.Expired, Settlements.ExpiryRaw(kind, expireAfterHours, m.UpstreamStatus))), now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FinishBatch(messages.ConvertAll(m => new FinishedMessage(m.AccountId, m.Id, MessageStatus.Expired, m.AcceptedAt)), new HashSet<int>(), pushes);
    }

    public void Dispose()
    {
    }

    private async Task<List<PushOutboxEntry>> FinishAsync(SmsPortalDbContext db, List<(Message Message, MessageStatus Status, string Raw)> finished, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pushes = new List<PushOutboxEntry>();
        if (finished.Count > 0)
        {
            foreach (var (message, status, raw) in finished)
            {
                message.Status = status;
                message.DoneAt = now;
                message.UpstreamStatus = Settlements.Truncate(raw);
            }

            var accounts = finished.Select(f => f.Message.AccountId).Distinct().ToArray();
            await ledger.AppendLockedAsync(db, finished.SelectMany(f => Settlements.Final(f.Message, f.Status)).ToList(), cancellationToken);
            var urls = await db.Accounts.Where(a => accounts.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.ReceiptPushUrl, cancellationToken);
            foreach (var (message, status, _) in finished)
            {
                if (outbox.Add(db, message.AccountId, PushKind.Receipt, message.Id, urls.GetValueOrDefault(message.AccountId), PushBodies.Receipt(status, message.Mobile, message.SmsId, now)) is { } push)
                {
                    pushes.Add(push);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return pushes;
    }
}
