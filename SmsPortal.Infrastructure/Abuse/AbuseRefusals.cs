using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Abuse;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Abuse;

/// <summary>What the defence refused, one row per account, service, rule, subject and hour, counted up.</summary>
public sealed class AbuseRefusals(IDbContextFactory<SmsPortalDbContext> contexts, TimeProvider clock)
{
    public async Task RecordAsync(int accountId, int? serviceId, AbuseRule rule, string subject, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hour = now.ToUnixTimeSeconds() / 3600;
        var service = serviceId ?? 0;
        subject = subject.Length > AbuseRefusal.SubjectMaxLength ? subject[..AbuseRefusal.SubjectMaxLength] : subject;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var counted = await db.AbuseRefusals
                .Where(r => r.AccountId == accountId && r.ServiceId == service && r.Rule == rule && r.Subject == subject && r.Hour == hour)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Count, r => r.Count + 1).SetProperty(r => r.LastAt, now), cancellationToken);
            if (counted > 0)
            {
                return;
            }

            db.AbuseRefusals.Add(new AbuseRefusal { AccountId = accountId, ServiceId = service, Rule = rule, Subject = subject, Hour = hour, Count = 1, FirstAt = now, LastAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException)
            {
                // Another refusal of the same hour made the row first: count on it.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The account's refusals, latest first, a page at a time.</summary>
    public async Task<(IReadOnlyList<AbuseRefusal> Rows, int Total)> PageAsync(int accountId, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.AbuseRefusals.AsNoTracking().Where(r => r.AccountId == accountId);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(r => r.LastAt).ThenByDescending(r => r.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (rows, total);
    }
}
