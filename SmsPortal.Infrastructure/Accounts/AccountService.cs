using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Bootstrap;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Accounts;

public sealed record NewAccount(string Name, AccountKind Kind, int? ParentAccountId, string? ApiId, string? ApiKey);

public sealed record AccountSummary(int Id, string Name, AccountKind Kind, AccountStatus Status, string ApiId, bool IsVerified, long Balance, DateTimeOffset CreatedAt);

public sealed record ApiKeyRow(int Id, string Masked, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>Accounts (tenants), their API keys and their balance.</summary>
public sealed class AccountService(
    IDbContextFactory<SmsPortalDbContext> contexts,
    IDataProtectionProvider protection,
    CreditLedger ledger,
    TimeProvider clock,
    IOptions<PlatformOptions> platform)
{
    private readonly IDataProtector _keys = protection.CreateProtector("SmsPortal.ApiKeys.v1");

    public long DefaultTrialCredits => platform.Value.TrialCredits;

    /// <summary>
    /// A new account with its first API key, not yet stored. The key is encrypted here, before any
    /// transaction opens: encrypting may write a new data-protection key, which must not wait on our own lock.
    /// </summary>
    public async Task<Account> DraftAsync(SmsPortalDbContext db, NewAccount request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var account = new Account
        {
            Name = request.Name.Trim(),
            Kind = request.Kind,
            ParentAccountId = request.ParentAccountId,
            ApiId = request.ApiId ?? await UnusedApiIdAsync(db, cancellationToken),
            CreatedAt = now,
        };
        account.ApiKeys.Add(NewKey(request.ApiKey ?? ApiCredentials.NewApiKey(), now));
        return account;
    }

    /// <summary>
    /// Stores a drafted account and its trial credits through <paramref name="db"/>. Takes the caller's
    /// context so that registration creates the person and the account in one transaction.
    /// </summary>
    public async Task AddAsync(SmsPortalDbContext db, Account account, long trialCredits, CancellationToken cancellationToken)
    {
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        if (trialCredits > 0)
        {
            await ledger.AppendAsync(db, [new LedgerLine(account.Id, LedgerEntryKind.Trial, trialCredits, Note: KeyedText.Of("Ledger.Trial"))], cancellationToken);
        }
    }

    public async Task<AccountSummary?> GetSummaryAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Accounts
            .Where(a => a.Id == accountId)
            .Select(a => new AccountSummary(
                a.Id, a.Name, a.Kind, a.Status, a.ApiId, a.IsVerified,
                db.LedgerEntries.Where(e => e.AccountId == a.Id && e.Currency == LedgerCurrency.Credits).OrderByDescending(e => e.Id).Select(e => e.BalanceAfter).FirstOrDefault(),
                a.CreatedAt))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<long> GetBalanceAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await CreditLedger.BalancesAsync(db, [accountId], cancellationToken))[accountId];
    }

    public async Task<IReadOnlyList<ApiKeyRow>> ListKeysAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = await db.ApiKeys.Where(k => k.AccountId == accountId).OrderByDescending(k => k.Id).ToListAsync(cancellationToken);
        return keys.Select(k => new ApiKeyRow(k.Id, ApiKey.Mask(k.Hint), k.CreatedAt, k.RevokedAt)).ToList();
    }

    /// <summary>The plain key, for the owner who asks to see it in the console.</summary>
    public async Task<string?> RevealKeyAsync(int accountId, int keyId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.AccountId == accountId && k.Id == keyId && k.RevokedAt == null, cancellationToken);
        return key is null ? null : _keys.Unprotect(key.ProtectedKey);
    }

    /// <summary>Revokes every active key and issues a new one, in one transaction; returns the new key.</summary>
    public async Task<string> RotateKeyAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var active = await db.ApiKeys.Where(k => k.AccountId == accountId && k.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var key in active)
        {
            key.RevokedAt = now;
        }

        var plain = ApiCredentials.NewApiKey();
        var fresh = NewKey(plain, now);
        fresh.AccountId = accountId;
        db.ApiKeys.Add(fresh);
        await db.SaveChangesAsync(cancellationToken);
        return plain;
    }

    /// <summary>Revokes one active key of the account (an admin's action); false when it has no such active key.</summary>
    public async Task<bool> RevokeKeyAsync(int accountId, int keyId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return await db.ApiKeys.Where(k => k.AccountId == accountId && k.Id == keyId && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken) == 1;
    }

    /// <summary>The account whose API ID and key match, active or frozen (the caller decides what frozen means).</summary>
    public async Task<Account?> FindByCredentialsAsync(string apiId, string apiKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().Include(a => a.ApiKeys.Where(k => k.RevokedAt == null))
            .SingleOrDefaultAsync(a => a.ApiId == apiId, cancellationToken);
        if (account is null)
        {
            return null;
        }

        return account.ApiKeys.Any(k => ApiCredentials.KeysEqual(_keys.Unprotect(k.ProtectedKey), apiKey)) ? account : null;
    }

    public async Task SetStatusAsync(int accountId, AccountStatus status, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, status), cancellationToken);
    }

    private ApiKey NewKey(string plain, DateTimeOffset now) => new()
    {
        ProtectedKey = _keys.Protect(plain),
        Hint = ApiCredentials.HintOf(plain),
        CreatedAt = now,
    };

    private static async Task<string> UnusedApiIdAsync(SmsPortalDbContext db, CancellationToken cancellationToken)
    {
        while (true)
        {
            var candidate = ApiCredentials.NewApiId();
            if (!await db.Accounts.AnyAsync(a => a.ApiId == candidate, cancellationToken))
            {
                return candidate;
            }
        }
    }
}
