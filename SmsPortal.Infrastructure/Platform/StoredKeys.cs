using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Billing;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Platform;

/// <summary>
/// The platform's own keys, one per name: 32 random bytes made on first use and kept in the database (the secret rows
/// first made for billing), encrypted with the data-protection keys, so every node uses the same key and no key is
/// ever written in the code or readable from a copy of the database alone.
/// </summary>
public sealed class StoredKeys(IDbContextFactory<SmsPortalDbContext> contexts, IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("SmsPortal.Billing.Secrets.v1");
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public async Task<byte[]> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(name, out var key))
        {
            return key;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_keys.TryGetValue(name, out key))
            {
                key = await LoadAsync(name, cancellationToken);
                _keys[name] = key;
            }

            return key;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<byte[]> LoadAsync(string name, CancellationToken cancellationToken)
    {
        // Encrypt before any transaction opens: encrypting may write a new data-protection key.
        var fresh = _protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.BillingSecrets.AsNoTracking().SingleOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (stored is null)
        {
            db.BillingSecrets.Add(new BillingSecret { Name = name, ProtectedValue = fresh });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                stored = new BillingSecret { Name = name, ProtectedValue = fresh };
            }
            catch (DbUpdateException)
            {
                // Another node made it first: use theirs.
                db.ChangeTracker.Clear();
                stored = await db.BillingSecrets.AsNoTracking().SingleAsync(s => s.Name == name, cancellationToken);
            }
        }

        return Convert.FromBase64String(_protector.Unprotect(stored.ProtectedValue));
    }
}
