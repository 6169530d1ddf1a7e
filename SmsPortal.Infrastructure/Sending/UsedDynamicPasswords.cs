using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>
/// The dynamic passwords that let a request in, until their window closes: a row each, with the account and the
/// hash as its key, so that on PostgreSQL two nodes taking the same hash at once cannot both succeed. Rows past
/// their expiry are deleted on insert, at most once a minute per node.
/// </summary>
public sealed class UsedDynamicPasswords(IDbContextFactory<SmsPortalDbContext> contexts, TimeProvider clock)
{
    private long _nextCleanTicks;

    /// <summary>True the first time a hash is used; false when it was used already (a replay).</summary>
    public async Task<bool> TryUseAsync(int accountId, string password, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hash = password.ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = Interlocked.Read(ref _nextCleanTicks);
        if (due <= now.UtcTicks && Interlocked.CompareExchange(ref _nextCleanTicks, now.AddMinutes(1).UtcTicks, due) == due)
        {
            await db.UsedDynamicPasswords.Where(u => u.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        }

        db.UsedDynamicPasswords.Add(new UsedDynamicPassword { AccountId = accountId, Password = hash, ExpiresAt = expiresAt });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            await using var check = await contexts.CreateDbContextAsync(cancellationToken);
            if (await check.UsedDynamicPasswords.AnyAsync(u => u.AccountId == accountId && u.Password == hash, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }
}
