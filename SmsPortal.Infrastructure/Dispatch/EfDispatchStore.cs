using Microsoft.EntityFrameworkCore;
using Npgsql;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Pushes;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Pushes;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>Dispatch's writes through EF Core (PostgreSQL, where several nodes claim from one outbox).</summary>
internal sealed class EfDispatchStore(IDbContextFactory<SmsPortalDbContext> contexts, CreditLedger ledger, PushOutbox outbox) : IDispatchStore
{
    // Starts with SELECT so that EF Core composes the claim's UPDATE over it.
    private static readonly string WaitingSql = "SELECT c.\"Id\" AS \"Value\" FROM (" + FairClaim.WaitingIds("") + ") AS c";

    public async Task<IReadOnlyList<Message>> ClaimAsync(string holder, int max, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var waiting = db.Database.SqlQueryRaw<long>(WaitingSql, new NpgsqlParameter("p0", now), new NpgsqlParameter("p2", max));

        // The row lock makes a second node's UPDATE re-check the status: each message is claimed once.
        var claimed = await db.Messages
            .Where(m => waiting.Contains(m.Id) && m.Status == MessageStatus.Accepted)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Dispatching).SetProperty(m => m.SubmittedAt, now).SetProperty(m => m.ClaimedBy, holder).SetProperty(m => m.DispatchAttempts, m => m.DispatchAttempts + 1), cancellationToken);
        if (claimed == 0)
        {
            return [];
        }

        // The holder and the claim's time mark this claim's messages (the holder's earlier claims carry earlier times).
        return await db.Messages.AsNoTracking().Where(m => m.Status == MessageStatus.Dispatching && m.ClaimedBy == holder && m.SubmittedAt == now).OrderBy(m => m.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PushOutboxEntry>> StoreAsync(IReadOnlyList<ChannelResult> results, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = results.Select(r => r.Message.Id).ToArray();
        var messages = await db.Messages.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var refused = new List<Message>();
        foreach (var r in results)
        {
            if (!messages.TryGetValue(r.Message.Id, out var message) || message.Status != MessageStatus.Dispatching || message.ClaimedBy != r.Message.ClaimedBy)
            {
                continue;
            }

            message.ClaimedBy = null;
            message.Channel = r.Channel ?? message.Channel;
            message.UpstreamStatus = r.Raw.Length <= 500 ? r.Raw : r.Raw[..500];
            message.Status = r.Status;
            switch (r.Status)
            {
                case MessageStatus.Submitted:
                    message.UpstreamId = r.UpstreamId;
                    message.UpstreamCost = r.Cost;
                    message.SubmittedAt = r.At;
                    break;
                case MessageStatus.Accepted:
                    message.NextAttemptAt = r.NextAttemptAt;
                    message.DispatchAttempts -= r.CountsAsAttempt ? 0 : 1;
                    break;
                default:
                    message.DoneAt = r.At;
                    refused.Add(message);
                    break;
            }
        }

        var pushes = new List<PushOutboxEntry>();
        if (refused.Count > 0)
        {
            await ledger.AppendLockedAsync(db, refused.SelectMany(Settlements.Refused).ToList(), cancellationToken);
            var accounts = refused.Select(m => m.AccountId).Distinct().ToArray();
            var urls = await db.Accounts.Where(a => accounts.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.ReceiptPushUrl, cancellationToken);
            foreach (var m in refused)
            {
                if (outbox.Add(db, m.AccountId, PushKind.Receipt, m.Id, urls.GetValueOrDefault(m.AccountId), PushBodies.Receipt(m.Status, m.Mobile, m.SmsId, m.DoneAt!.Value)) is { } push)
                {
                    pushes.Add(push);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return pushes;
    }

    public void Dispose()
    {
    }
}
