using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Abuse;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Abuse;

/// <summary>
/// The stored range blocks, and a copy of the active ones in memory for the send path: re-read every
/// Abuse:BlockRefreshSeconds (so a block made or lifted on another node holds there within that time), at once after
/// this node makes or lifts one.
/// </summary>
public sealed class RangeBlocks(IDbContextFactory<SmsPortalDbContext> contexts, IOptions<AbuseOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private FrozenDictionary<int, RangeBlock[]> _active = FrozenDictionary<int, RangeBlock[]>.Empty;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <summary>The active block of the account whose range holds <paramref name="number"/>, if any.</summary>
    public async ValueTask<RangeBlock?> BlockingAsync(int accountId, MobileNumber number, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now - _readAt >= TimeSpan.FromSeconds(options.Value.BlockRefreshSeconds))
        {
            await RefreshAsync(false, cancellationToken);
        }

        return _active.TryGetValue(accountId, out var blocks)
            ? blocks.FirstOrDefault(b => b.IsActiveAt(now) && NumberRange.Contains(b.Range, number))
            : null;
    }

    /// <summary>Stores a new block of <paramref name="range"/> for the account, unless an active one already holds it (then that one).</summary>
    public async Task<(RangeBlock Block, bool IsNew)> BlockAsync(int accountId, string range, int codes, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.RangeBlocks.AsNoTracking()
            .Where(b => b.AccountId == accountId && b.Range == range && b.LiftedAt == null && b.ExpiresAt > now)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return (existing, false);
        }

        var block = new RangeBlock
        {
            AccountId = accountId,
            Range = range,
            HiddenDigits = settings.RangeHiddenDigits,
            Codes = codes,
            WindowSeconds = settings.PumpingWindowSeconds,
            CreatedAt = now,
            ExpiresAt = now.AddHours(settings.BlockHours),
        };
        db.RangeBlocks.Add(block);
        await db.SaveChangesAsync(cancellationToken);
        await RefreshAsync(true, cancellationToken);
        return (block, true);
    }

    /// <summary>Lifts an active block of the account; false when it has none with that id.</summary>
    public async Task<bool> LiftAsync(int accountId, long blockId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lifted = await db.RangeBlocks
            .Where(b => b.Id == blockId && b.AccountId == accountId && b.LiftedAt == null && b.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.LiftedAt, now), cancellationToken);
        if (lifted > 0)
        {
            await RefreshAsync(true, cancellationToken);
        }

        return lifted > 0;
    }

    /// <summary>The account's blocks, newest first (active, expired and lifted).</summary>
    public async Task<IReadOnlyList<RangeBlock>> ListAsync(int accountId, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RangeBlocks.AsNoTracking().Where(b => b.AccountId == accountId).OrderByDescending(b => b.Id).Take(take).ToListAsync(cancellationToken);
    }

    private async Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        if (!force && !await _refresh.WaitAsync(0, cancellationToken))
        {
            return;
        }

        if (force)
        {
            await _refresh.WaitAsync(cancellationToken);
        }

        try
        {
            var now = clock.GetUtcNow();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var active = await db.RangeBlocks.AsNoTracking().Where(b => b.LiftedAt == null && b.ExpiresAt > now).ToListAsync(cancellationToken);
            _active = active.GroupBy(b => b.AccountId).ToFrozenDictionary(g => g.Key, g => g.ToArray());
            _readAt = now;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
