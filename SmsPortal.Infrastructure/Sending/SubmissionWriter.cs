using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Platform;

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

    /// <summary>An international submission: the destination's calling code; null for a mainland one (charged in credits).</summary>
    public string? Country { get; init; }

    /// <summary>An international submission's price per part and the platform's cost per part (CNY fen, by the price list).</summary>
    public long PricePerPartFen { get; init; }

    public long? CostPerPartFen { get; init; }

    /// <summary>Whether it is charged in money (international) rather than in credits.</summary>
    public bool IsChargedInMoney => Country is not null;

    /// <summary>What it is charged in money, CNY fen: price per part × parts.</summary>
    public long MoneyCharge => PricePerPartFen * Parts;

    /// <summary>An international submission of a reseller's customer: the reseller, which pays the platform's price per part from its money balance.</summary>
    public int? ResellerAccountId { get; init; }

    public long WholesalePerPartFen { get; init; }

    /// <summary>What the reseller is charged in money, CNY fen: the platform's price per part × parts.</summary>
    public long WholesaleCharge => WholesalePerPartFen * Parts;

    /// <summary>SMTP door: where the delivery receipt is mailed once the message is final (the account's setting); null for none.</summary>
    public string? ReceiptMailTo { get; init; }

    /// <summary>A batch send's number (<see cref="Domain.Sending.SendBatchNumber"/>): its outcome is written in the transaction that decides it.</summary>
    public long? BatchNumberId { get; init; }

    internal TaskCompletionSource<SubmitResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When it was queued and the caller's span (an HTTP request), set only while a tracer listens.</summary>
    internal (DateTimeOffset At, ActivityContext Caller) Queued { get; set; }
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
    IOptions<DatabaseOptions> database,
    PlatformCalendar calendar,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<SubmissionWriter> logger) : BackgroundService
{
    private readonly Channel<PendingSubmission> _queue = Channel.CreateBounded<PendingSubmission>(new BoundedChannelOptions(options.Value.MaxWaiting)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly Timings _timings = new();

    // Submissions waiting per account: one account may hold only its share of the queue, so a flood from one
    // (even one without credits) leaves room for every other.
    private readonly ConcurrentDictionary<int, int> _waiting = new();

    /// <summary>Raised after each commit with the ids of the messages it accepted, for dispatch to pick up at once.</summary>
    public event Action<IReadOnlyList<long>>? Accepted;

    /// <summary>Submissions waiting for the writer (all accounts).</summary>
    public int Waiting => _queue.Reader.Count;

    /// <summary>Submissions of one account waiting for the writer (its share of the queue in use).</summary>
    public int WaitingOf(int accountId) => _waiting.GetValueOrDefault(accountId);

    /// <summary>
    /// Queues a submission and waits for the commit that decides it. A full queue, or an account that already has
    /// Sending:MaxWaitingPerAccount submissions waiting, is refused at once (a flood).
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(PendingSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var share = options.Value.WaitingShare;
        if (_waiting.AddOrUpdate(submission.AccountId, 1, (_, count) => count + 1) > share)
        {
            Release(submission.AccountId);
            throw new SubmissionQueueFullException();
        }

        if (MessageTraceListening)
        {
            submission.Queued = (clock.GetUtcNow(), Activity.Current?.Context ?? default);
        }

        if (!_queue.Writer.TryWrite(submission))
        {
            Release(submission.AccountId);
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

    /// <summary>The account's credits and its money for international SMS (CNY fen).</summary>
    public async Task<(long Credits, long MoneyFen)> BalancesAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var credits = (await CreditLedger.BalancesAsync(db, [accountId], cancellationToken))[accountId];
        var money = (await CreditLedger.BalancesAsync(db, [accountId], LedgerCurrency.Cny, cancellationToken))[accountId];
        return (credits, money);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using IAcceptanceStore store = database.Value.Provider == DatabaseProvider.Sqlite
            ? new SqliteAcceptanceStore(contexts, ledger, services.GetRequiredService<SqliteConnectionSetup>(), services.GetRequiredService<SqliteWriteTurn>())
            : new EfAcceptanceStore(contexts, ledger);
        var batch = new List<PendingSubmission>(options.Value.MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < options.Value.MaxBatch && reader.TryRead(out var submission))
            {
                batch.Add(submission);
                Release(submission.AccountId);
            }

            try
            {
                await CommitAsync(store, batch, stoppingToken);
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

    private async Task CommitAsync(IAcceptanceStore store, List<PendingSubmission> batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        var windows = new Windows(now, calendar.DayNumber(now));
        var keys = batch.ConvertAll(windows.Keys);
        await using var state = await store.BeginAsync(batch, windows, keys, cancellationToken);
        var begun = Stopwatch.GetTimestamp();

        var balances = new Dictionary<int, long>(state.Balances);
        Dictionary<int, long>? money = null;
        var counters = new CounterSet(state);
        var blacklisted = new HashSet<(int AccountId, string Mobile)>();
        var accepted = new List<PendingSubmission>();
        var acceptedIndex = new int[batch.Count];
        var results = new SubmitResult?[batch.Count];
        var earlier = new Dictionary<int, StoredMessage>();
        var keyedInBatch = new Dictionary<(int, string), int>();
        for (var i = 0; i < batch.Count; i++)
        {
            var s = batch[i];
            acceptedIndex[i] = -1;
            if (s.IdempotencyKey is { } idempotencyKey)
            {
                // The same key again (earlier, or earlier in this batch): the same message, answered once it has its id.
                if (keyedInBatch.TryGetValue((s.AccountId, idempotencyKey), out var first))
                {
                    acceptedIndex[i] = first;
                    continue;
                }

                if (state.Earlier(s.AccountId, idempotencyKey) is { } previous)
                {
                    earlier[i] = previous;
                    continue;
                }
            }

            var k = keys[i];
            var blocked = blacklisted.Contains((s.AccountId, s.Mobile)) ? BlockReason.OverLimit : state.Blocked(s.AccountId, s.Mobile);
            var rejection = Blocked(blocked, s) ?? SendLimitPolicy.Check(s.Limits, counters.Read(k), s.IsVerificationCode, counters.Get(k.AccountDay));
            if (rejection is null && s.IsChargedInMoney)
            {
                // International: charged in money, read only for a batch that holds such a submission (decision 0034).
                money ??= [];
                if (!money.TryGetValue(s.AccountId, out var fen))
                {
                    fen = await state.MoneyAsync(s.AccountId, cancellationToken);
                    money[s.AccountId] = fen;
                }

                if (fen < s.MoneyCharge)
                {
                    rejection = new Rejection(ResultCode.InsufficientCredits, Detail: "money balance short");
                }
                else if (s.ResellerAccountId is { } reseller)
                {
                    // A reseller's customer: the reseller pays the platform's price from its money, under the same lock.
                    if (!money.TryGetValue(reseller, out var wholesale))
                    {
                        wholesale = await state.MoneyAsync(reseller, cancellationToken);
                        money[reseller] = wholesale;
                    }

                    if (wholesale < s.WholesaleCharge)
                    {
                        rejection = new Rejection(ResultCode.ResellerMoneyShort);
                    }
                }
            }
            else if (rejection is null && balances[s.AccountId] < s.Parts)
            {
                rejection = new Rejection(ResultCode.InsufficientCredits);
            }

            var changes = SendLimitPolicy.CountersToIncrement(rejection?.Code ?? ResultCode.Accepted, s.IsVerificationCode);
            counters.Apply(k, changes);
            if (changes.Blacklist && blocked is null)
            {
                blacklisted.Add((s.AccountId, s.Mobile));
            }

            if (rejection is not null)
            {
                results[i] = SubmitResult.From(rejection);
                continue;
            }

            if (s.IsChargedInMoney)
            {
                money![s.AccountId] -= s.MoneyCharge;
                if (s.ResellerAccountId is { } paying)
                {
                    money[paying] -= s.WholesaleCharge;
                }
            }
            else
            {
                balances[s.AccountId] -= s.Parts;
            }

            acceptedIndex[i] = accepted.Count;
            accepted.Add(s);
            if (s.IdempotencyKey is not null)
            {
                keyedInBatch[(s.AccountId, s.IdempotencyKey)] = accepted.Count - 1;
            }
        }

        var decided = Stopwatch.GetTimestamp();
        var stored = await state.WriteAsync(accepted, now, counters.Increments, blacklisted, cancellationToken);
        List<BatchNumberOutcome>? outcomes = null;
        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i] is null)
            {
                var message = earlier.TryGetValue(i, out var replayed) ? replayed : stored[acceptedIndex[i]];
                results[i] = new SubmitResult(ResultCode.Accepted, MessageId: message.Id, SmsId: message.SmsId);
            }

            if (batch[i].BatchNumberId is { } numberId)
            {
                (outcomes ??= []).Add(new BatchNumberOutcome(numberId, (int)results[i]!.Code, results[i]!.MessageId));
            }
        }

        if (outcomes is not null)
        {
            // A batch's progress commits with the messages it counts: a restart resumes exactly after them.
            await state.RecordBatchNumbersAsync(outcomes, cancellationToken);
        }

        var written = Stopwatch.GetTimestamp();
        await state.CommitAsync(cancellationToken);
        var committed = Stopwatch.GetTimestamp();

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(results[i]!);
        }

        if (stored.Count > 0)
        {
            Accepted?.Invoke(stored.Select(m => m.Id).ToList());
            if (MessageTraceListening)
            {
                Traced(accepted, stored);
            }
        }

        _timings.Add(batch.Count, started, begun, decided, written, committed, Stopwatch.GetTimestamp());
        if (logger.IsEnabled(LogLevel.Debug) && _timings.Due(out var report))
        {
            LogTimings(logger, report.Batches, report.Submissions, report.Begin, report.Decide, report.Write, report.Commit, report.Answer);
        }
    }

    private static bool MessageTraceListening => Observability.SmsPortalTelemetry.Source.HasListeners();

    /// <summary>The first step of each accepted message's trace: from queued to committed, linked to the request that sent it.</summary>
    private static void Traced(List<PendingSubmission> accepted, IReadOnlyList<StoredMessage> stored)
    {
        for (var i = 0; i < accepted.Count; i++)
        {
            var s = accepted[i];
            using var activity = Observability.MessageTrace.Start("sms accept", stored[i].Id, ActivityKind.Internal, s.Queued.At == default ? stored[i].AcceptedAt : s.Queued.At, s.Queued.Caller);
            activity?.SetTag("sms.door", Observability.SmsPortalTelemetry.DoorName(s.Door));
            activity?.SetTag("sms.account_id", s.AccountId);
            activity?.SetTag("sms.parts", s.Parts);
        }
    }

    private void Release(int accountId)
    {
        // Removed at zero, so accounts that stopped sending leave nothing behind.
        if (_waiting.AddOrUpdate(accountId, 0, (_, count) => count - 1) <= 0)
        {
            _waiting.TryRemove(new KeyValuePair<int, int>(accountId, 0));
        }
    }

    private static Rejection? Blocked(BlockReason? reason, PendingSubmission s) => reason switch
    {
        null => null,
        BlockReason.OverLimit => new Rejection(ResultCode.OverLimitBlacklisted, s.Limits.OverLimitSendsBeforeBlacklist),
        _ => new Rejection(ResultCode.MobileBlacklisted),
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Acceptance: {Batches} batches, {Submissions} submissions; ms per batch: begin {Begin:F2}, decide {Decide:F2}, write {Write:F2}, commit {Commit:F2}, answer {Answer:F2}")]
    private static partial void LogTimings(ILogger logger, int batches, int submissions, double begin, double decide, double write, double commit, double answer);

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} submissions could not be stored; each was answered 'failed'")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);

    /// <summary>Where the writer's time goes, summed over about five seconds (logged at Debug, for the benchmarks).</summary>
    private sealed class Timings
    {
        private readonly double[] _ms = new double[5];
        private long _since = Stopwatch.GetTimestamp();
        private int _batches;
        private int _submissions;

        public void Add(int submissions, params long[] marks)
        {
            _batches++;
            _submissions += submissions;
            for (var i = 0; i < _ms.Length; i++)
            {
                _ms[i] += Stopwatch.GetElapsedTime(marks[i], marks[i + 1]).TotalMilliseconds;
            }
        }

        public bool Due(out (int Batches, int Submissions, double Begin, double Decide, double Write, double Commit, double Answer) report)
        {
            report = default;
            if (Stopwatch.GetElapsedTime(_since) < TimeSpan.FromSeconds(5) || _batches == 0)
            {
                return false;
            }

            report = (_batches, _submissions, _ms[0] / _batches, _ms[1] / _batches, _ms[2] / _batches, _ms[3] / _batches, _ms[4] / _batches);
            Array.Clear(_ms);
            _batches = 0;
            _submissions = 0;
            _since = Stopwatch.GetTimestamp();
            return true;
        }
    }

    /// <summary>The counters one batch reads (each once, from the store) and adds to, in arrival order.</summary>
    private sealed class CounterSet(IAcceptanceBatch state)
    {
        private readonly Dictionary<CounterKey, int> _counts = [];
        private readonly Dictionary<CounterKey, int> _increments = [];

        public IReadOnlyCollection<KeyValuePair<CounterKey, int>> Increments => _increments;

        public int Get(CounterKey key)
        {
            if (!_counts.TryGetValue(key, out var count))
            {
                count = state.Count(key);
                _counts[key] = count;
            }

            return count;
        }

        public NumberCounters Read(SubmissionKeys k) => new(
            Get(k.Second), Get(k.Day), Get(k.VerificationDay), Get(k.IdenticalMinute), Get(k.IdenticalDay), Get(k.OverLimit));

        public void Apply(SubmissionKeys k, CounterChanges changes)
        {
            if (changes.Sent)
            {
                Add(k.Second);
                Add(k.Day);
                Add(k.AccountDay);
            }

            if (changes.VerificationCode)
            {
                Add(k.VerificationDay);
            }

            if (changes.Identical)
            {
                Add(k.IdenticalMinute);
                Add(k.IdenticalDay);
            }

            if (changes.OverLimit)
            {
                Add(k.OverLimit);
            }
        }

        private void Add(CounterKey key)
        {
            _counts[key] = Get(key) + 1;
            _increments[key] = _increments.GetValueOrDefault(key) + 1;
        }
    }
}

/// <summary>More submissions are waiting than the writer may hold: the caller is told to slow down (HTTP 429).</summary>
public sealed class SubmissionQueueFullException() : Exception("Too many submissions are waiting; try again shortly.");
