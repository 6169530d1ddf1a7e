using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Pushes;

/// <summary>Each account's push-signing secret, made on first use and kept encrypted.</summary>
public sealed class PushSecrets(IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>How long the push pump keeps a secret it decrypted before it reads it again.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly IDataProtector _protector = protection.CreateProtector("SmsPortal.PushSecrets.v1");
    private readonly ConcurrentDictionary<int, (string Secret, DateTimeOffset Until)> _cache = new();

    public async Task<string> GetAsync(SmsPortalDbContext db, int accountId, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.SingleAsync(a => a.Id == accountId, cancellationToken);
        if (account.ProtectedPushSecret is { } stored)
        {
            return _protector.Unprotect(stored);
        }

        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        account.ProtectedPushSecret = _protector.Protect(secret);
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    /// <summary>The secret for signing a push, from a short cache (thousands of pushes a second share a few accounts).</summary>
    public async Task<string> ForSigningAsync(IDbContextFactory<SmsPortalDbContext> contexts, int accountId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(accountId, out var cached) && cached.Until > now)
        {
            return cached.Secret;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var secret = await GetAsync(db, accountId, cancellationToken);
        _cache[accountId] = (secret, now + CacheFor);
        return secret;
    }

    /// <summary>Forgets a cached secret (the customer made a new one).</summary>
    public void Forget(int accountId) => _cache.TryRemove(accountId, out _);
}
