namespace SmsPortal.Domain.Sending;

/// <summary>
/// What the database counted for one receiving number before this message. The windows are the caller's: a
/// second, a minute and a day bucket (the day in the platform's time zone, Asia/Shanghai by default).
/// "Identical" means the same final text, 【signature】 + body, to this number.
/// </summary>
/// <param name="OverLimitRejections">
/// Sends to this number turned down by a per-number limit since it was last released from the blacklist.
/// </param>
public sealed record NumberCounters(
    int SentThisSecond = 0,
    int SentToday = 0,
    int VerificationCodesToday = 0,
    int IdenticalThisMinute = 0,
    int IdenticalToday = 0,
    int OverLimitRejections = 0);

/// <summary>Which counters the caller adds one to after a decision.</summary>
/// <param name="Sent">This number's second and day counters, and the account's day counter.</param>
/// <param name="VerificationCode">This number's verification-code day counter.</param>
/// <param name="Identical">This number's minute and day counters for this final text.</param>
/// <param name="OverLimit">This number's over-limit rejections.</param>
/// <param name="Blacklist">Put the number on the account's blacklist (doing it twice is harmless).</param>
public sealed record CounterChanges(bool Sent, bool VerificationCode, bool Identical, bool OverLimit, bool Blacklist)
{
    public static CounterChanges None { get; } = new(false, false, false, false, false);
}

/// <summary>
/// The per-number and per-account limits, decided from counters the caller reads in the same transaction that
/// records the outcome. Which vendor code answers which limit:
/// <list type="bullet">
/// <item>the number has reached <see cref="SendLimits.OverLimitSendsBeforeBlacklist"/> over-limit rejections: 408;</item>
/// <item>the account reached its daily cap: 4051 (剩余条数不足: the account has no sends left today; the vendor has no
/// own code for it, and this does not count against the number);</item>
/// <item>more than the per-second limit: 4080; identical text more than its per-minute limit: 4080 too (a short-window
/// frequency limit: the client should wait, not give up for the day);</item>
/// <item>a verification code over its daily limit: 4085; any message over the number's daily limit: 4082; identical
/// text over its daily limit: 4082 showing that limit (【20】 by default).</item>
/// </list>
/// Each of the last group is an over-limit send: the one that brings the number's count to the blacklist threshold
/// is answered 408 instead, and the number goes on the blacklist until released in the console.
/// </summary>
public static class SendLimitPolicy
{
    public static Rejection? Check(SendLimits limits, NumberCounters counters, bool isVerificationCode, int accountSentToday)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(counters);
        var blacklistAt = limits.OverLimitSendsBeforeBlacklist;
        if (counters.OverLimitRejections >= blacklistAt)
        {
            return new Rejection(ResultCode.OverLimitBlacklisted, blacklistAt);
        }

        if (accountSentToday >= limits.MaxPerAccountPerDay)
        {
            return new Rejection(ResultCode.InsufficientCredits, limits.MaxPerAccountPerDay, "daily account cap");
        }

        var overLimit = NumberLimit(limits, counters, isVerificationCode);
        if (overLimit is not null && counters.OverLimitRejections + 1 >= blacklistAt)
        {
            return new Rejection(ResultCode.OverLimitBlacklisted, blacklistAt, overLimit.Detail);
        }

        return overLimit;
    }

    /// <summary>
    /// What to count after the whole submission is decided (<paramref name="finalCode"/> is what the caller answers,
    /// from whichever rule): an accepted message counts everywhere; a per-number limit rejection counts as over-limit;
    /// 408 also blacklists. Other rejections count nothing.
    /// </summary>
    public static CounterChanges CountersToIncrement(ResultCode finalCode, bool isVerificationCode) => finalCode switch
    {
        ResultCode.Accepted => new CounterChanges(Sent: true, VerificationCode: isVerificationCode, Identical: true, OverLimit: false, Blacklist: false),
        ResultCode.PerSecondLimit or ResultCode.DailyLimitPerNumber or ResultCode.VerificationCodesPerNumberPerDay
            => CounterChanges.None with { OverLimit = true },
        ResultCode.OverLimitBlacklisted => CounterChanges.None with { OverLimit = true, Blacklist = true },
        _ => CounterChanges.None,
    };

    private static Rejection? NumberLimit(SendLimits limits, NumberCounters counters, bool isVerificationCode)
    {
        if (counters.SentThisSecond >= limits.MaxPerNumberPerSecond)
        {
            return new Rejection(ResultCode.PerSecondLimit, limits.MaxPerNumberPerSecond, "per second");
        }

        if (counters.IdenticalThisMinute >= limits.MaxIdenticalPerNumberPerMinute)
        {
            return new Rejection(ResultCode.PerSecondLimit, limits.MaxIdenticalPerNumberPerMinute, "identical per minute");
        }

        if (isVerificationCode && counters.VerificationCodesToday >= limits.MaxVerificationCodesPerNumberPerDay)
        {
            return new Rejection(ResultCode.VerificationCodesPerNumberPerDay, limits.MaxVerificationCodesPerNumberPerDay, "verification codes per day");
        }

        if (counters.SentToday >= limits.MaxPerNumberPerDay)
        {
            return new Rejection(ResultCode.DailyLimitPerNumber, limits.MaxPerNumberPerDay, "per day");
        }

        return counters.IdenticalToday >= limits.MaxIdenticalPerNumberPerDay
            ? new Rejection(ResultCode.DailyLimitPerNumber, limits.MaxIdenticalPerNumberPerDay, "identical per day")
            : null;
    }
}
