using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Billing.Alerts;

public sealed record AlertSettings(long? Threshold, string AlertMobiles, DateTimeOffset? AlertedAt);

/// <summary>What a customer sets for the low-balance reminder. A refusal names the problem and stores nothing.</summary>
public sealed class LowBalanceAlertSettings(IDbContextFactory<SmsPortalDbContext> contexts)
{
    public const long MaxThreshold = 10_000_000;

    public async Task<AlertSettings> GetAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.Where(a => a.Id == accountId)
            .Select(a => new AlertSettings(a.LowBalanceThreshold, a.AlertMobiles ?? "", a.LowBalanceAlertedAt))
            .SingleAsync(cancellationToken);
    }

    /// <summary>Null when saved; otherwise the problem: "threshold", "count" or the number that is not one.</summary>
    public async Task<string?> SaveAsync(int accountId, long? threshold, string? alertMobiles, CancellationToken cancellationToken)
    {
        if (threshold is < 1 or > MaxThreshold)
        {
            return "threshold";
        }

        var numbers = (alertMobiles ?? "").Split([',', ';', '\n', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (numbers.Length > LowBalanceAlertJob.MaxAlertNumbers)
        {
            return "count";
        }

        var normalised = new List<string>();
        foreach (var number in numbers)
        {
            var parsed = MobileNumber.Parse(number);
            if (!parsed.IsAccepted)
            {
                return number;
            }

            normalised.Add(parsed.Value!.Value);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.LowBalanceThreshold, threshold)
            .SetProperty(a => a.AlertMobiles, normalised.Count == 0 ? null : string.Join(",", normalised)), cancellationToken);
        return null;
    }
}
