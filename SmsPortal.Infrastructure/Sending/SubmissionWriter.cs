using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>A submission that passed every rule needing no shared state, waiting for the writer.</summary>
public sealed record PendingSubmission(
    int AccountId,
    SendLimits Limits,
    SubmissionDoor Door,
    string Mobile,
    string Text,
    int TemplateId,
    int Parts,
    bool IsVerificationCode,
    string? IdempotencyKey)
{
    /// <summary>SMPP door: the submit asked for a delivery receipt, stored on the message so it is owed across restarts.</summary>
    public bool WantsSmppReceipt { get; init; }

    internal TaskCompletionSource<SubmitResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Group commit: one loop takes every submission that is waiting, decides the rules that need shared state
/// (blacklist, per-number and per-account counters, balance) in arrival order, and writes the messages,
/// their credit reservations and the counters in ONE transaction; each caller hears its answer only after
/// that commit. Order inside the batch makes the limits exact without locks in this process; across
/// nodes (PostgreSQL) the accounts of the batch are locked first, so two nodes' writers take turns per account.
/// </summary>
public sealed partial class SubmissionWriter(
    IDbContextFactory<SmsPortalDbContext> contexts,
    CreditLedger ledger,
    IOptions<SendingOptions> options,
    TimeProvider clock,
    ILogger<SubmissionWriter> logger) : BackgroundService
{
    private readonly Channel<PendingSubmission> _queue = Channel.CreateBounded<PendingSubmission>(new BoundedChannelOptions(options.Value.MaxWaiting)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Raised after each commit with the ids of the messages it accepted, for dispatch to pick up at once.</summary>
    public event Action<IReadOnlyList<long>>? Accepted;

    /// <summary>Queues a submission and waits for the commit that decides it. A full queue is refused at once (a flood).</summary>
    public async Task<SubmitResult> SubmitAsync(PendingSubmission submission, CancellationToken cancellationToken)
    {
        if (!_queue.Writer.TryWrite(submission))
        {
            throw new SubmissionQueueFullException();
        }

        // The caller going away does not undo a commit in progress: the answer is the commit's.
        return await submission.Completion.Task.WaitAsync(cancellationToken);
    }

    public async Task<long> BalanceAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await CreditLedger.BalancesAsync(db, [accountId], cancellationToken))[accountId];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingSubmission>(options.Value.MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < options.Value.MaxBatch && reader.TryRead(out var submission))
            {
                batch.Add(submission);
            }

            try
            {
                await CommitAsync(batch, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Nothing of the batch was stored (the transaction rolled back): every caller hears "failed".
                LogBatchFailed(logger, batch.Count, exception);
                foreach (var submission in batch)
                {
                    submission.Completion.TrySetResult(new SubmitResult(ResultCode.Failed, Detail: "storage error"));
                }
            }
        }
    }

    private async Task CommitAsync(List<PendingSubmission> batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var windows = new Windows(now, options.Value.DayOffsetHours);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var accountIds = batch.Select(s => s.AccountId).Distinct().ToArray();
        var balances = await ledger.LockBalancesAsync(db, accountIds, cancellationToken);
        var balancesBefore = new Dictionary<int, long>(balances);
        var counters = await CountersAsync(db, batch, windows, cancellationToken);
        var mobiles = batch.Select(s => s.Mobile).Distinct().ToArray();
        var blocked = (await db.BlockedNumbers.AsNoTracking()
                .Where(b => mobiles.Contains(b.Mobile) && (b.AccountId == null || accountIds.Contains(b.AccountId.Value)))
                .Select(b => new { b.AccountId, b.Mobile, b.Reason })
                .ToListAsync(cancellationToken))
            .ToDictionary(b => (b.AccountId ?? 0, b.Mobile), b => b.Reason);
        var idempotent = await ReplaysAsync(db, batch, cancellationToken);

        var accepted = new List<(PendingSubmission Submission, Message Message)>();
        var results = new SubmitResult?[batch.Count];
        var replays = new Dictionary<int, Message>();
        for (var i = 0; i < batch.Count; i++)
        {
            var s = batch[i];
            if (s.IdempotencyKey is not null && idempotent.TryGetValue((s.AccountId, s.IdempotencyKey), out var earlier))
            {
                // The same key again (earlier, or earlier in this batch): the same message, answered once it has its id.
                replays[i] = earlier;
                continue;
            }

            var keys = windows.Keys(s);
            var rejection = Blocked(blocked, s) ?? SendLimitPolicy.Check(s.Limits, keys.Read(counters), s.IsVerificationCode, counters.Get(keys.AccountDay));
            if (rejection is null && balances[s.AccountId] < s.Parts)
            {
                rejection = new Rejection(ResultCode.InsufficientCredits);
            }

            var code = rejection?.Code ?? ResultCode.Accepted;
            keys.Apply(counters, SendLimitPolicy.CountersToIncrement(code, s.IsVerificationCode));
            if (SendLimitPolicy.CountersToIncrement(code, s.IsVerificationCode).Blacklist && !blocked.ContainsKey((s.AccountId, s.Mobile)))
            {
                blocked[(s.AccountId, s.Mobile)] = BlockReason.OverLimit;
                db.BlockedNumbers.Add(new BlockedNumber { AccountId = s.AccountId, Mobile = s.Mobile, Reason = BlockReason.OverLimit, CreatedAt = now });
            }

            if (rejection is not null)
            {
                results[i] = SubmitResult.From(rejection);
                continue;
            }

            balances[s.AccountId] -= s.Parts;
            var message = new Message
            {
                AccountId = s.AccountId,
                Mobile = s.Mobile,
                Text = s.Text,
                TemplateId = s.TemplateId == 0 ? null : s.TemplateId,
                Parts = s.Parts,
                IsVerificationCode = s.IsVerificationCode,
                Status = MessageStatus.Accepted,
                Door = s.Door,
                AcceptedAt = now,
                IdempotencyKey = s.IdempotencyKey,
                SmppReceipt = s.WantsSmppReceipt ? SmppReceiptState.Wanted : null,
            };
            db.Messages.Add(message);
            accepted.Add((s, message));
            if (s.IdempotencyKey is not null)
            {
                idempotent[(s.AccountId, s.IdempotencyKey)] = message;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (accepted.Count > 0)
        {
            // The reservation names the message it holds credits for; the balances were taken under the lock above.
            ledger.Append(db, balancesBefore, accepted.Select(a => new LedgerLine(a.Submission.AccountId, LedgerEntryKind.Reserve, -a.Submission.Parts, a.Message.SmsId)));
        }

        counters.Stage(db);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i] is null)
            {
                var message = replays.TryGetValue(i, out var replayed) ? replayed : accepted.First(a => ReferenceEquals(a.Submission, batch[i])).Message;
                results[i] = new SubmitResult(ResultCode.Accepted, MessageId: message.Id, SmsId: message.SmsId);
            }

            batch[i].Completion.TrySetResult(results[i]!);
        }

        if (accepted.Count > 0)
        {
            Accepted?.Invoke(accepted.Select(a => a.Message.Id).ToList());
        }
    }

    private static Rejection? Blocked(Dictionary<(int, string), BlockReason> blocked, PendingSubmission s)
    {
        if (blocked.TryGetValue((s.AccountId, s.Mobile), out var reason) || blocked.TryGetValue((0, s.Mobile), out reason))
        {
            return reason == BlockReason.OverLimit
                ? new Rejection(ResultCode.OverLimitBlacklisted, s.Limits.OverLimitSendsBeforeBlacklist)
                : new Rejection(ResultCode.MobileBlacklisted);
        }

        return null;
    }

    private static async Task<Dictionary<(int, string), Message>> ReplaysAsync(SmsPortalDbContext db, List<PendingSubmission> batch, CancellationToken cancellationToken)
    {
        var keys = batch.Where(s => s.IdempotencyKey is not null).Select(s => s.IdempotencyKey!).Distinct().ToArray();
        if (keys.Length == 0)
        {
            return [];
        }

        var accountIds = batch.Select(s => s.AccountId).Distinct().ToArray();
        var earlier = await db.Messages.AsNoTracking()
            .Where(m => m.IdempotencyKey != null && keys.Contains(m.IdempotencyKey) && accountIds.Contains(m.AccountId))
            .ToListAsync(cancellationToken);
        return earlier.ToDictionary(m => (m.AccountId, m.IdempotencyKey!));
    }

    private static async Task<CounterSet> CountersAsync(SmsPortalDbContext db, List<PendingSubmission> batch, Windows windows, CancellationToken cancellationToken)
    {
        var wanted = batch.SelectMany(s => windows.Keys(s).All).Distinct().ToList();
        var accountIds = wanted.Select(k => k.AccountId).Distinct().ToArray();
        var names = wanted.Select(k => k.Key).Distinct().ToArray();
        var buckets = wanted.Select(k => k.Bucket).Distinct().ToArray();
        var rows = await db.SendCounters
            .Where(c => accountIds.Contains(c.AccountId) && names.Contains(c.Key) && buckets.Contains(c.Bucket))
            .ToListAsync(cancellationToken);
        return new CounterSet(rows);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} submissions could not be stored; each was answered 'failed'")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);

    /// <summary>The counter rows one batch reads and changes, by (account, key, bucket).</summary>
    private sealed class CounterSet(List<SendCounter> rows)
    {
        private readonly Dictionary<CounterKey, SendCounter> _rows = rows.ToDictionary(r => new CounterKey(r.AccountId, r.Key, r.Bucket));
        private readonly HashSet<CounterKey> _new = [];

        public int Get(CounterKey key) => _rows.TryGetValue(key, out var row) ? row.Count : 0;

        public void Add(CounterKey key)
        {
            if (_rows.TryGetValue(key, out var row))
            {
                row.Count++;
                return;
            }

            _rows[key] = new SendCounter { AccountId = key.AccountId, Key = key.Key, Bucket = key.Bucket, Count = 1 };
            _new.Add(key);
        }

        /// <summary>New rows are inserted; the rows read with tracking are updated by SaveChanges.</summary>
        public void Stage(SmsPortalDbContext db)
        {
            foreach (var key in _new)
            {
                db.SendCounters.Add(_rows[key]);
            }
        }
    }

    private readonly record struct CounterKey(int AccountId, string Key, long Bucket);

    /// <summary>The time buckets of this commit and the counter keys of one submission.</summary>
    private sealed class Windows(DateTimeOffset now, int dayOffsetHours)
    {
        private readonly long _second = now.ToUnixTimeSeconds();
        private readonly long _minute = now.ToUnixTimeSeconds() / 60;
        private readonly long _day = (now.ToUnixTimeSeconds() + (dayOffsetHours * 3600L)) / 86_400;

        public SubmissionKeys Keys(PendingSubmission s)
        {
            var identical = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s.Text)).AsSpan(0, 8));
            return new SubmissionKeys(
                new CounterKey(s.AccountId, "s:" + s.Mobile, _second),
                new CounterKey(s.AccountId, "d:" + s.Mobile, _day),
                new CounterKey(s.AccountId, "v:" + s.Mobile, _day),
                new CounterKey(s.AccountId, "m:" + s.Mobile + ":" + identical, _minute),
                new CounterKey(s.AccountId, "i:" + s.Mobile + ":" + identical, _day),
                new CounterKey(s.AccountId, "o:" + s.Mobile, 0),
                new CounterKey(s.AccountId, "a:", _day));
        }
    }

    private sealed record SubmissionKeys(CounterKey Second, CounterKey Day, CounterKey VerificationDay, CounterKey IdenticalMinute, CounterKey IdenticalDay, CounterKey OverLimit, CounterKey AccountDay)
    {
        public IEnumerable<CounterKey> All => [Second, Day, VerificationDay, IdenticalMinute, IdenticalDay, OverLimit, AccountDay];

        public NumberCounters Read(CounterSet counters) => new(
            counters.Get(Second), counters.Get(Day), counters.Get(VerificationDay), counters.Get(IdenticalMinute), counters.Get(IdenticalDay), counters.Get(OverLimit));

        public void Apply(CounterSet counters, CounterChanges changes)
        {
            if (changes.Sent)
            {
                counters.Add(Second);
                counters.Add(Day);
                counters.Add(AccountDay);
            }

            if (changes.VerificationCode)
            {
                counters.Add(VerificationDay);
            }

            if (changes.Identical)
            {
                counters.Add(IdenticalMinute);
                counters.Add(IdenticalDay);
            }

            if (changes.OverLimit)
            {
                counters.Add(OverLimit);
            }
        }
    }
}

/// <summary>More submissions are waiting than the writer may hold: the caller is told to slow down (HTTP 429).</summary>
public sealed class SubmissionQueueFullException() : Exception("Too many submissions are waiting; try again shortly.");
