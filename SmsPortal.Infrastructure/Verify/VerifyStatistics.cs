using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Domain.Verify;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Verify;

/// <summary>Counts a service's verifications in the database, one count per figure (nothing loaded row by row).</summary>
public sealed class VerifyStatistics(IDbContextFactory<SmsPortalDbContext> contexts, TimeProvider clock)
{
    public async Task<VerifyServiceStatistics?> ForAsync(int accountId, string serviceSid, int days, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var service = await db.VerifyServices.AsNoTracking().Where(s => s.Sid == serviceSid && s.AccountId == accountId).Select(s => (int?)s.Id).SingleOrDefaultAsync(cancellationToken);
        if (service is not { } id)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var since = today.AddDays(1 - days);
        var inPeriod = db.Verifications.AsNoTracking().Where(v => v.ServiceId == id && v.CreatedAt >= since);
        var started = await inPeriod.CountAsync(cancellationToken);
        var approved = await inPeriod.CountAsync(v => v.Status == VerificationStatus.Approved, cancellationToken);
        var expired = await inPeriod.CountAsync(v => v.Status == VerificationStatus.Expired || (v.Status == VerificationStatus.Pending && v.ExpiresAt <= now), cancellationToken);
        var delivered = await inPeriod.CountAsync(v => db.Messages.Any(m => m.Id == v.LastMessageId && m.Status == MessageStatus.Delivered), cancellationToken);
        var blocked = await db.AbuseRefusals.AsNoTracking().Where(r => r.AccountId == accountId && r.ServiceId == id && r.LastAt >= since).SumAsync(r => (int?)r.Count, cancellationToken) ?? 0;
        var perDay = new List<VerifyDay>(days);
        for (var day = since; day <= today; day = day.AddDays(1))
        {
            var end = day.AddDays(1);
            var ofDay = inPeriod.Where(v => v.CreatedAt >= day && v.CreatedAt < end);
            perDay.Add(new VerifyDay(DateOnly.FromDateTime(day.UtcDateTime), await ofDay.CountAsync(cancellationToken), await ofDay.CountAsync(v => v.Status == VerificationStatus.Approved, cancellationToken)));
        }

        return new VerifyServiceStatistics(started, delivered, approved, expired, blocked, perDay);
    }
}
