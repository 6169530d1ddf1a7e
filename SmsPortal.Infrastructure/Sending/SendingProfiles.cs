using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Bootstrap;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>
/// What the acceptance rules need to know about one account, read once and reused for a couple of seconds:
/// its keys (decrypted, for the dynamic password), settings, limits in force, approved signatures and
/// templates compiled into a matcher. Reading these per request would cost more than the rest of a submit.
/// </summary>
public sealed class SendingProfile
{
    public required int AccountId { get; init; }

    public required string ApiId { get; init; }

    public required AccountStatus Status { get; init; }

    public required bool IsVerified { get; init; }

    public required bool HasPaid { get; init; }

    public required IReadOnlyList<string> ApiKeys { get; init; }

    /// <summary>Allowed caller addresses; empty for any.</summary>
    public required IReadOnlySet<string> AllowedIps { get; init; }

    public required SendLimits Limits { get; init; }

    /// <summary>The account's own country allow-list (calling codes); empty when it keeps the platform's.</summary>
    public IReadOnlySet<string> AllowedCountries { get; init; } = new HashSet<string>();

    /// <summary>Approved signatures the account may use, its own first (oldest first), the platform's last.</summary>
    public required IReadOnlyList<string> Signatures { get; init; }

    public required TemplateMatcher Templates { get; init; }

    public required IReadOnlyDictionary<int, (ParsedTemplate Template, TemplateKind Kind, int MaxVariableLength)> TemplatesById { get; init; }

    public required bool HasOwnTemplates { get; init; }

    public string DefaultSignature => Signatures[0];

    /// <summary>
    /// The signature of the account's brand, which a send in trial goes out under: for a reseller's customer the
    /// reseller's default signature when it has one (its customers never see the platform's name); null for the platform's.
    /// </summary>
    public string? TrialSignature { get; init; }
}

public sealed class SendingProfiles(
    IDbContextFactory<SmsPortalDbContext> contexts,
    IDataProtectionProvider protection,
    IOptions<SendingOptions> sending,
    IOptions<PlatformOptions> platform,
    TimeProvider clock)
{
    private readonly IDataProtector _keys = protection.CreateProtector("SmsPortal.ApiKeys.v1");
    private readonly ConcurrentDictionary<string, Cached> _byApiId = new(StringComparer.Ordinal);

    // API IDs that name no account, kept apart and bounded: anyone can send any id, so remembering them all
    // would let unauthenticated callers grow this node's memory without end.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unknown = new(StringComparer.Ordinal);
    private int _unknownCount;
    private long _nextPruneTicks;

    // An account's API ID never changes, so this needs no expiry.
    private readonly ConcurrentDictionary<int, string> _apiIdOf = new();

    public string PlatformSignature => platform.Value.DefaultSignature;

    /// <summary>The signature a send of this account goes under while it is in trial (and the platform's notices to it).</summary>
    public string TrialSignatureOf(SendingProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.TrialSignature ?? PlatformSignature;
    }

    /// <summary>The profile of the account with this API ID; null when there is none.</summary>
    public async ValueTask<SendingProfile?> FindAsync(string apiId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_unknown.TryGetValue(apiId, out var unknownUntil))
        {
            if (unknownUntil > now)
            {
                return null;
            }

            ForgetUnknown(apiId);
        }

        if (_byApiId.TryGetValue(apiId, out var cached))
        {
            // Expired: one request reads it again while the others go on with what was read a moment ago,
            // instead of every request in flight reading the same account at once.
            if (cached.Until > now || Interlocked.Exchange(ref cached.Refreshing, 1) == 1)
            {
                return cached.Profile;
            }
        }

        try
        {
            var profile = await LoadAsync(apiId, cancellationToken);
            if (profile is null)
            {
                _byApiId.TryRemove(apiId, out _);
                RememberUnknown(apiId, now);
            }
            else
            {
                _byApiId[apiId] = new Cached(profile, now.AddSeconds(sending.Value.ProfileSeconds));
            }

            return profile;
        }
        finally
        {
            if (cached is not null)
            {
                Volatile.Write(ref cached.Refreshing, 0);
            }
        }
    }

    /// <summary>The profile of the account with this id (the console knows the signed-in account by id); null when there is none.</summary>
    public async ValueTask<SendingProfile?> FindByAccountIdAsync(int accountId, CancellationToken cancellationToken)
    {
        if (!_apiIdOf.TryGetValue(accountId, out var apiId))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            apiId = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.ApiId).SingleOrDefaultAsync(cancellationToken);
            if (apiId is null)
            {
                return null;
            }

            _apiIdOf[accountId] = apiId;
        }

        return await FindAsync(apiId, cancellationToken);
    }

    /// <summary>How many API IDs this node remembers (accounts and ids that name none); bounded for the latter.</summary>
    public int CachedCount => _byApiId.Count + Volatile.Read(ref _unknownCount);

    /// <summary>Forget what this node read, after a change made here (other nodes see it within ProfileSeconds).</summary>
    public void Forget(string apiId)
    {
        _byApiId.TryRemove(apiId, out _);
        ForgetUnknown(apiId);
    }

    public void ForgetAll()
    {
        _byApiId.Clear();
        foreach (var apiId in _unknown.Keys)
        {
            ForgetUnknown(apiId);
        }
    }

    /// <summary>
    /// An id that names no account is remembered for ProfileSeconds, and only while fewer than
    /// Sending:MaxUnknownApiIds are: past that, stale ones are dropped, and when none is stale the id is not kept.
    /// </summary>
    private void RememberUnknown(string apiId, DateTimeOffset now)
    {
        var limit = sending.Value.MaxUnknownApiIds;
        if (limit == 0 || sending.Value.ProfileSeconds == 0)
        {
            return;
        }

        // Full: sweep stale ids, at most once a second, so a flood of new ids cannot make every request walk the table.
        var due = Interlocked.Read(ref _nextPruneTicks);
        if (Volatile.Read(ref _unknownCount) >= limit && due <= now.UtcTicks
            && Interlocked.CompareExchange(ref _nextPruneTicks, now.UtcTicks + TimeSpan.TicksPerSecond, due) == due)
        {
            foreach (var (id, until) in _unknown)
            {
                if (until <= now)
                {
                    ForgetUnknown(id);
                }
            }
        }

        if (Interlocked.Increment(ref _unknownCount) > limit || !_unknown.TryAdd(apiId, now.AddSeconds(sending.Value.ProfileSeconds)))
        {
            Interlocked.Decrement(ref _unknownCount);
        }
    }

    private void ForgetUnknown(string apiId)
    {
        if (_unknown.TryRemove(apiId, out _))
        {
            Interlocked.Decrement(ref _unknownCount);
        }
    }

    private async Task<SendingProfile?> LoadAsync(string apiId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().Include(a => a.ApiKeys.Where(k => k.RevokedAt == null))
            .SingleOrDefaultAsync(a => a.ApiId == apiId, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var hasPaid = await db.LedgerEntries.AnyAsync(e => e.AccountId == account.Id && e.Kind == LedgerEntryKind.TopUp, cancellationToken);
        var signatures = await db.Signatures.AsNoTracking()
            .Where(s => (s.AccountId == account.Id || s.AccountId == null) && s.State == ReviewState.Approved)
            .OrderBy(s => s.AccountId == null).ThenBy(s => s.Id)
            .Select(s => new { s.Text, s.AccountId })
            .ToListAsync(cancellationToken);
        var ordered = signatures.Select(s => s.Text).ToList();
        if (!ordered.Contains(platform.Value.DefaultSignature))
        {
            ordered.Add(platform.Value.DefaultSignature);
        }

        // A reseller's customer may send under its reseller's default signature (set by the platform's admins with the brand).
        var brandSignature = account.ParentAccountId is { } reseller
            ? await db.ResellerBrands.Where(b => b.AccountId == reseller).Select(b => b.DefaultSignature).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (brandSignature is not null && !ordered.Contains(brandSignature))
        {
            ordered.Insert(ordered.IndexOf(platform.Value.DefaultSignature), brandSignature);
        }

        var templates = await db.MessageTemplates.AsNoTracking()
            .Where(t => (t.AccountId == account.Id || t.AccountId == null) && t.State == ReviewState.Approved)
            .Select(t => new { t.Id, t.Text, t.Kind, t.AccountId, t.MaxVariableLength })
            .ToListAsync(cancellationToken);
        var byId = new Dictionary<int, (ParsedTemplate, TemplateKind, int)>();
        foreach (var template in templates)
        {
            if (TemplateText.Parse(template.Text).Template is { } parsed)
            {
                byId[template.Id] = (parsed, template.Kind, template.MaxVariableLength);
            }
        }

        var limits = sending.Value.Limits.TightenedBy(FromAccount(account.Limits, sending.Value.Limits));
        return new SendingProfile
        {
            AccountId = account.Id,
            ApiId = account.ApiId,
            Status = account.Status,
            IsVerified = account.IsVerified,
            HasPaid = hasPaid,
            ApiKeys = account.ApiKeys.Select(k => _keys.Unprotect(k.ProtectedKey)).ToList(),
            AllowedIps = (account.AllowedIps ?? "").Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase),
            Limits = limits,
            AllowedCountries = CountryAllowList.Split(account.AllowedCountries).ToHashSet(StringComparer.Ordinal),
            Signatures = ordered,
            Templates = TemplateMatcher.Build(templates.Select(t => new ApprovedTemplate(t.Id, t.Text, t.MaxVariableLength))),
            TemplatesById = byId,
            HasOwnTemplates = templates.Any(t => t.AccountId is not null),
            TrialSignature = brandSignature,
        };
    }

    private sealed class Cached(SendingProfile? profile, DateTimeOffset until)
    {
        public int Refreshing;

        public SendingProfile? Profile => profile;

        public DateTimeOffset Until => until;
    }

    private static SendLimits FromAccount(AccountLimits own, SendLimits platform) => platform with
    {
        MaxPerNumberPerDay = own.MaxPerNumberPerDay ?? platform.MaxPerNumberPerDay,
        MaxVerificationCodesPerNumberPerDay = own.MaxVerificationCodesPerNumberPerDay ?? platform.MaxVerificationCodesPerNumberPerDay,
        MaxIdenticalPerNumberPerMinute = own.MaxIdenticalPerNumberPerMinute ?? platform.MaxIdenticalPerNumberPerMinute,
        MaxIdenticalPerNumberPerDay = own.MaxIdenticalPerNumberPerDay ?? platform.MaxIdenticalPerNumberPerDay,
        MaxPerAccountPerDay = own.MaxPerAccountPerDay ?? platform.MaxPerAccountPerDay,
    };
}
