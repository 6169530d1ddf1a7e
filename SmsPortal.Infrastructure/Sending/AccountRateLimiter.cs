using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>
/// Requests per account on the vendor API, REST and the SMPP server (RateLimits:PerAccountPerSecond, one token bucket
/// per account shared by the doors, that lets a second's worth wait briefly before refusing). Counted only once the
/// credentials are proven: a limit keyed by an API ID anyone can send would let a stranger spend another account's budget.
/// </summary>
public sealed class AccountRateLimiter : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<int> _limiter;

    public AccountRateLimiter(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var perSecond = options.Value.PerAccountPerSecond;
        _limiter = PartitionedRateLimiter.Create<int, int>(accountId => Partition(accountId, perSecond));
    }

    /// <summary>One partition (an account, an address) of every door's limits: <see cref="Bucket"/>, or none for 0.</summary>
    public static RateLimitPartition<TKey> Partition<TKey>(TKey key, int perSecond) => perSecond == 0
        ? RateLimitPartition.GetNoLimiter(key)
        : RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(perSecond));

    /// <summary>The bucket both doors use per partition: a second's worth at once, a second's worth waiting.</summary>
    public static TokenBucketRateLimiterOptions Bucket(int perSecond) => new()
    {
        TokenLimit = perSecond,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = perSecond,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    };

    /// <summary>False when the account is over its rate (answered 4089, REST 429, SMPP ESME_RTHROTTLED).</summary>
    public async ValueTask<bool> TryAcquireAsync(int accountId, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(accountId, 1, cancellationToken);
        return lease.IsAcquired;
    }

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();
}
