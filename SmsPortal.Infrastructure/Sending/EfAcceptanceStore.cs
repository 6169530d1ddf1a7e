using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>
/// The acceptance batch through EF Core, for PostgreSQL: the batch's accounts are locked (SELECT … FOR NO KEY UPDATE,
/// in id order) before anything is read, so the writers of several nodes take turns per account and the counters,
/// balances and blacklist they read stay current until this transaction commits.
/// </summary>
internal sealed class EfAcceptanceStore(IDbContextFactory<SmsPortalDbContext> contexts, CreditLedger ledger) : IAcceptanceStore
{
    public async Task<IAcceptanceBatch> BeginAsync(IReadOnlyList<PendingSubmission> batch, Windows windows, IReadOnlyList<SubmissionKeys> keys, CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var accountIds = batch.Select(s => s.AccountId).Distinct().ToArray();

            // A reseller whose customer sends abroad pays from its money balance in this transaction: locked with the
            // senders, in the same ordered call. A batch without such a submission locks what it locked before.
            var balances = await ledger.LockBalancesAsync(db, [.. accountIds, .. batch.Where(s => s.IsChargedInMoney && s.ResellerAccountId is not null).Select(s => s.ResellerAccountId!.Value)], cancellationToken);

            var wanted = keys.SelectMany(k => k.All).Distinct().ToList();
            var names = wanted.Select(k => k.Key).Distinct().ToArray();
            var buckets = wanted.Select(k => k.Bucket).Distinct().ToArray();
            var counters = (await db.SendCounters
                    .Where(c => accountIds.Contains(c.AccountId) && names.Contains(c.Key) && buckets.Contains(c.Bucket))
                    .ToListAsync(cancellationToken))
                .ToDictionary(r => new CounterKey(r.AccountId, r.Key, r.Bucket));

            var mobiles = batch.Select(s => s.Mobile).Distinct().ToArray();
            var blocked = (await db.BlockedNumbers.AsNoTracking()
                    .Where(b => mobiles.Contains(b.Mobile) && (b.AccountId == null || accountIds.Contains(b.AccountId.Value)))
                    .Select(b => new { b.AccountId, b.Mobile, b.Reason })
                    .ToListAsync(cancellationToken))
                .ToDictionary(b => (b.AccountId ?? 0, b.Mobile), b => b.Reason);

            var idempotencyKeys = batch.Where(s => s.IdempotencyKey is not null).Select(s => s.IdempotencyKey!).Distinct().ToArray();
            var earlier = idempotencyKeys.Length == 0
                ? []
                : await db.Messages.AsNoTracking()
                    .Where(m => m.IdempotencyKey != null && idempotencyKeys.Contains(m.IdempotencyKey) && accountIds.Contains(m.AccountId))
                    .Select(m => new { m.AccountId, m.IdempotencyKey, m.Id, m.AcceptedAt })
                    .ToDictionaryAsync(m => (m.AccountId, m.IdempotencyKey!), m => new StoredMessage(m.Id, m.AcceptedAt), cancellationToken);

            return new Batch(db, transaction, ledger, balances, counters, blocked, earlier);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Batch(
        SmsPortalDbContext db,
        IDbContextTransaction transaction,
        CreditLedger ledger,
        Dictionary<int, long> balances,
        Dictionary<CounterKey, SendCounter> counters,
        Dictionary<(int, string), BlockReason> blocked,
        Dictionary<(int, string), StoredMessage> earlier) : IAcceptanceBatch
    {
        private readonly Dictionary<int, long> _money = [];

        public IReadOnlyDictionary<int, long> Balances => balances;

        public async ValueTask<long> MoneyAsync(int accountId, CancellationToken cancellationToken)
        {
            // The account is locked since the batch began (FOR NO KEY UPDATE): its money balance stays current too.
            if (!_money.TryGetValue(accountId, out var fen))
            {
                fen = (await CreditLedger.BalancesAsync(db, [accountId], LedgerCurrency.Cny, cancellationToken))[accountId];
                _money[accountId] = fen;
            }

            return fen;
        }

        public BlockReason? Blocked(int accountId, string mobile) =>
            AcceptedMessageRow.Deciding(
                blocked.TryGetValue((accountId, mobile), out var account) ? account : null,
                blocked.TryGetValue((0, mobile), out var platform) ? platform : null);

        public StoredMessage? Earlier(int accountId, string idempotencyKey) =>
            earlier.TryGetValue((accountId, idempotencyKey), out var message) ? message : null;

        public int Count(CounterKey key) => counters.TryGetValue(key, out var row) ? row.Count : 0;

        public async Task<IReadOnlyList<StoredMessage>> WriteAsync(
            IReadOnlyList<PendingSubmission> accepted,
            DateTimeOffset now,
            IReadOnlyCollection<KeyValuePair<CounterKey, int>> counterIncrements,
            IReadOnlyCollection<(int AccountId, string Mobile)> blacklisted,
            CancellationToken cancellationToken)
        {
            var messages = accepted.Select(s => AcceptedMessageRow.Of(s, now)).ToList();
            var reserves = new List<(PendingSubmission Submission, Message Message)>(accepted.Zip(messages));
            db.Messages.AddRange(messages);
            foreach (var (accountId, mobile) in blacklisted)
            {
                db.BlockedNumbers.Add(new BlockedNumber { AccountId = accountId, Mobile = mobile, Reason = BlockReason.OverLimit, CreatedAt = now });
            }

            await db.SaveChangesAsync(cancellationToken);
            if (messages.Count > 0)
            {
                // The reservation names the message it holds credits (or money) for; the balances were taken under the lock.
                ledger.Append(db, new Dictionary<int, long>(balances), new Dictionary<int, long>(_money), reserves.SelectMany(r => AcceptedMessageRow.Reserves(r.Submission, r.Message.SmsId)));
            }

            foreach (var (key, increment) in counterIncrements)
            {
                if (counters.TryGetValue(key, out var row))
                {
                    row.Count += increment;
                }
                else
                {
                    db.SendCounters.Add(new SendCounter { AccountId = key.AccountId, Key = key.Key, Bucket = key.Bucket, Count = increment });
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            return messages.ConvertAll(m => new StoredMessage(m.Id, m.AcceptedAt));
        }

        public async Task RecordBatchNumbersAsync(IReadOnlyList<BatchNumberOutcome> outcomes, CancellationToken cancellationToken)
        {
            var ids = outcomes.Select(o => o.NumberId).ToArray();
            var codes = outcomes.Select(o => o.Code).ToArray();
            var messages = outcomes.Select(o => o.MessageId).ToArray();
            await db.Database.ExecuteSqlAsync(
                $"UPDATE \"SendBatchNumbers\" AS n SET \"Code\" = v.code, \"MessageId\" = v.message FROM unnest({ids}, {codes}, {messages}) AS v(id, code, message) WHERE n.\"Id\" = v.id AND n.\"Code\" IS NULL",
                cancellationToken);
        }

        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await db.DisposeAsync();
        }
    }
}
