using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Review;

namespace SmsPortal.Infrastructure.Resellers;

/// <summary>What a person on a reseller's host sees instead of the platform: its name, colours, logo and where to ask for help.</summary>
public sealed record Brand(int AccountId, string DisplayName, string PrimaryColour, string SecondaryColour, string? SupportPhone, string? SupportEmail,
    string? DefaultSignature, string? LogoFileName, string Host, long TrialCredits);

/// <summary>
/// The brand by host name, and each account's brand (a reseller's customers see their reseller's). Read on every page
/// and mail, so kept in memory for a short while: a change saved on this node is seen at once, on another node within
/// <see cref="Lifetime"/>.
/// </summary>
public sealed class Brands(IDbContextFactory<SmsPortalDbContext> contexts, IMemoryCache cache, UploadedDocuments uploads)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private CancellationTokenSource _generation = new();

    /// <summary>The reseller's brand that answers on this host name; null for the platform's own (an unknown host).</summary>
    public async ValueTask<Brand?> ForHostAsync(string? host, CancellationToken cancellationToken)
    {
        var name = Domain.Resellers.ResellerRules.NormaliseHost(host);
        if (name is null)
        {
            return null;
        }

        return await CachedAsync("host:" + name, async db =>
        {
            var accountId = await db.ResellerHosts.Where(h => h.Name == name).Select(h => (int?)h.AccountId).SingleOrDefaultAsync(cancellationToken);
            return accountId is null ? null : await LoadAsync(db, accountId.Value, name, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>The brand the people of this account see: its reseller's (or its own, for a reseller); null for the platform's.</summary>
    public async ValueTask<Brand?> ForAccountAsync(int? accountId, CancellationToken cancellationToken)
    {
        if (accountId is null)
        {
            return null;
        }

        return await CachedAsync("account:" + accountId, async db =>
        {
            var reseller = await db.Accounts.Where(a => a.Id == accountId)
                .Select(a => a.Kind == Domain.Accounts.AccountKind.Reseller ? (int?)a.Id : a.ParentAccountId).SingleOrDefaultAsync(cancellationToken);
            return reseller is null ? null : await LoadAsync(db, reseller.Value, null, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>The reseller's logo file, or null when it has none (or the file is gone).</summary>
    public FileStream? OpenLogo(Brand brand) =>
        brand.LogoFileName is { } name ? uploads.OpenRead(new StoredDocument { FileName = name, Type = ResellerAdministration.TypeOf(name) }) : null;

    /// <summary>Drops every remembered brand (a reseller's settings changed).</summary>
    public void Forget()
    {
        var old = Interlocked.Exchange(ref _generation, new CancellationTokenSource());
        old.Cancel();
        old.Dispose();
    }

    private async ValueTask<Brand?> CachedAsync(string key, Func<SmsPortalDbContext, Task<Brand?>> load, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(key, out Brand? known))
        {
            return known;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var brand = await load(db);
        using var entry = cache.CreateEntry(key);
        entry.Value = brand;
        entry.AbsoluteExpirationRelativeToNow = Lifetime;
        entry.AddExpirationToken(new Microsoft.Extensions.Primitives.CancellationChangeToken(_generation.Token));
        return brand;
    }

    private static async Task<Brand?> LoadAsync(SmsPortalDbContext db, int resellerId, string? host, CancellationToken cancellationToken)
    {
        var brand = await db.ResellerBrands.AsNoTracking().Include(b => b.Hosts).SingleOrDefaultAsync(b => b.AccountId == resellerId, cancellationToken);
        return brand is null ? null : new Brand(brand.AccountId, brand.DisplayName, brand.PrimaryColour, brand.SecondaryColour, brand.SupportPhone, brand.SupportEmail,
            brand.DefaultSignature, brand.LogoFileName, host ?? brand.Hosts.Select(h => h.Name).Order(StringComparer.Ordinal).First(), brand.TrialCredits);
    }
}
