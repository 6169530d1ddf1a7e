namespace SmsPortal.Infrastructure.Statistics;

/// <summary>
/// Which messages to count: one account's (null: every account, for admins), accepted on the days from
/// <see cref="From"/> to <see cref="To"/> of the platform's calendar (both included), grouped by <see cref="By"/>;
/// with <see cref="ResellerId"/> (admins), only the messages of that reseller's account and of its customers'.
/// </summary>
public sealed record StatisticsQuery(int? AccountId, DateOnly From, DateOnly To, StatisticsGrouping By, int? ResellerId = null)
{
    /// <summary>The longest range one query counts: a quarter.</summary>
    public const int MaxDays = 92;

    /// <summary>The key of the statistics text that says what is wrong with the range, null when it is fine.</summary>
    public string? Problem => To < From ? "Statistics.Error.ToBeforeFrom"
        : To.DayNumber - From.DayNumber + 1 > MaxDays ? "Statistics.Error.TooLong"
        : null;
}
