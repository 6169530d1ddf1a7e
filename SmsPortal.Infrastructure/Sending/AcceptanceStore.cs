using System.Security.Cryptography;
using System.Text;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>
/// Where the acceptance writer reads and writes one batch: a write transaction that holds the batch's accounts,
/// the state the rules read (balances, blacklist, idempotency keys, counters) and the writes of the outcome.
/// SQLite has a hand-written path on one connection (<see cref="SqliteAcceptanceStore"/>); PostgreSQL, where
/// several nodes write at once, goes through EF Core with the accounts locked (<see cref="EfAcceptanceStore"/>).
/// </summary>
internal interface IAcceptanceStore : IAsyncDisposable
{
    Task<IAcceptanceBatch> BeginAsync(IReadOnlyList<PendingSubmission> batch, Windows windows, IReadOnlyList<SubmissionKeys> keys, CancellationToken cancellationToken);
}

/// <summary>One batch's transaction. Disposing it without <see cref="CommitAsync"/> rolls everything back.</summary>
internal interface IAcceptanceBatch : IAsyncDisposable
{
    /// <summary>The balances of the batch's accounts, read under the lock that makes them current until commit.</summary>
    IReadOnlyDictionary<int, long> Balances { get; }

    /// <summary>
    /// The account's money balance (CNY fen), read under the same lock as <see cref="Balances"/>; asked only for an
    /// account with an international submission in the batch, so a mainland batch reads what it read before.
    /// </summary>
    ValueTask<long> MoneyAsync(int accountId, CancellationToken cancellationToken);

    /// <summary>Why (account, mobile) is blocked, by the account's own list or the platform's (account 0); null when it is not.</summary>
    BlockReason? Blocked(int accountId, string mobile);

    /// <summary>The message an earlier submission with this idempotency key stored, if any.</summary>
    StoredMessage? Earlier(int accountId, string idempotencyKey);

    /// <summary>The committed count of one counter (0 when it has no row).</summary>
    int Count(CounterKey key);

    /// <summary>Stores the accepted messages with their reserve entries (in this order; an international one's in money), the counter increments and new blacklist entries.</summary>
    Task<IReadOnlyList<StoredMessage>> WriteAsync(
        IReadOnlyList<PendingSubmission> accepted,
        DateTimeOffset now,
        IReadOnlyCollection<KeyValuePair<CounterKey, int>> counterIncrements,
        IReadOnlyCollection<(int AccountId, string Mobile)> blacklisted,
        CancellationToken cancellationToken);

    /// <summary>Writes the outcome of each batch send's number decided in this transaction (only where none is written yet).</summary>
    Task RecordBatchNumbersAsync(IReadOnlyList<BatchNumberOutcome> outcomes, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}

internal readonly record struct StoredMessage(long Id, DateTimeOffset AcceptedAt)
{
    public string SmsId => Message.FormatSmsId(AcceptedAt, Id);
}

/// <summary>A counter row: (account, key, bucket); the key names the window by its first letter.</summary>
internal readonly record struct CounterKey(int AccountId, string Key, long Bucket);

/// <summary>The time buckets of one commit; <paramref name="day"/> is the platform's day (<see cref="Platform.PlatformCalendar.DayNumber"/>).</summary>
internal sealed class Windows(DateTimeOffset now, long day)
{
    private readonly long _second = now.ToUnixTimeSeconds();
    private readonly long _minute = now.ToUnixTimeSeconds() / 60;
    private readonly long _day = day;

    public DateTimeOffset Now => now;

    public long Second => _second;

    public long Minute => _minute;

    /// <summary>What "the same text" is keyed by: the first 8 bytes of its SHA-256, in hex.</summary>
    public static string Identical(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexString(hash[..8]);
    }

    public static CounterKey SecondKey(int accountId, string mobile, long second) => new(accountId, "s:" + mobile, second);

    public static CounterKey IdenticalMinuteKey(int accountId, string mobile, string identical, long minute) => new(accountId, "m:" + mobile + ":" + identical, minute);

    public SubmissionKeys Keys(PendingSubmission s)
    {
        var identical = Identical(s.Text);
        return new SubmissionKeys(
            SecondKey(s.AccountId, s.Mobile, _second),
            new CounterKey(s.AccountId, "d:" + s.Mobile, _day),
            new CounterKey(s.AccountId, "v:" + s.Mobile, _day),
            IdenticalMinuteKey(s.AccountId, s.Mobile, identical, _minute),
            new CounterKey(s.AccountId, "i:" + s.Mobile + ":" + identical, _day),
            new CounterKey(s.AccountId, SendCounterKeys.OverLimit(s.Mobile), 0),
            new CounterKey(s.AccountId, "a:", _day));
    }
}

/// <summary>The counters one submission reads and may add to.</summary>
internal sealed record SubmissionKeys(CounterKey Second, CounterKey Day, CounterKey VerificationDay, CounterKey IdenticalMinute, CounterKey IdenticalDay, CounterKey OverLimit, CounterKey AccountDay)
{
    public IEnumerable<CounterKey> All => [Second, Day, VerificationDay, IdenticalMinute, IdenticalDay, OverLimit, AccountDay];
}

/// <summary>Names of counter rows other parts of the platform touch.</summary>
public static class SendCounterKeys
{
    /// <summary>A number's over-limit rejections for an account (20 make a 408); reset when the number is released.</summary>
    public static string OverLimit(string mobile) => "o:" + mobile;
}
