using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Review;

public sealed record BlockedNumberRow(long Id, int? AccountId, string? AccountName, string Mobile, BlockReason Reason, DateTimeOffset CreatedAt);

public sealed record BlockedNumberPage(IReadOnlyList<BlockedNumberRow> Rows, int Total);

/// <summary>What adding or importing numbers did: numbers added, numbers already listed, lines that are not numbers.</summary>
public sealed record BlacklistChange(int Added, int AlreadyListed, IReadOnlyList<string> Refused);

public enum BlacklistScope
{
    /// <summary>One account's own list.</summary>
    Account = 0,

    /// <summary>The platform's list (AccountId null): nobody sends to these.</summary>
    Platform = 1,

    /// <summary>Every account's entries, for admins releasing numbers.</summary>
    AllAccounts = 2,
}

public enum ReleaseOutcome
{
    Released = 0,
    NotFound = 1,

    /// <summary>The handset asked to receive nothing (TD, 退订): only an admin releases that.</summary>
    OptOutKept = 2,
}

/// <summary>
/// Numbers that receive nothing: an account's own list and the platform's. The sending pipeline refuses them with
/// 4030 (and puts a number there itself on 408); reply handling adds opt-outs through <see cref="AddOptOutAsync"/>.
/// Numbers are stored as <see cref="MobileNumber.Value"/>, the form the pipeline compares.
/// </summary>
public sealed class Blacklist(IDbContextFactory<SmsPortalDbContext> contexts, TimeProvider clock)
{
    public const long MaxImportBytes = 2 * 1024 * 1024;

    public async Task<BlockedNumberPage> SearchAsync(BlacklistScope scope, int? accountId, string? search, BlockReason? reason, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = scope switch
        {
            BlacklistScope.Account => db.BlockedNumbers.Where(b => b.AccountId == accountId),
            BlacklistScope.Platform => db.BlockedNumbers.Where(b => b.AccountId == null),
            _ => db.BlockedNumbers.Where(b => b.AccountId != null),
        };
        if (reason is { } wanted)
        {
            query = query.Where(b => b.Reason == wanted);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            var digits = new string([.. term.Where(char.IsAsciiDigit)]);
            query = scope == BlacklistScope.AllAccounts
                ? query.Where(b => (digits != "" && b.Mobile.Contains(digits)) || db.Accounts.Any(a => a.Id == b.AccountId && (a.Name.Contains(term) || a.ApiId.Contains(term))))
                : query.Where(b => digits != "" && b.Mobile.Contains(digits));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(b => b.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500))
            .Select(b => new BlockedNumberRow(b.Id, b.AccountId, db.Accounts.Where(a => a.Id == b.AccountId).Select(a => a.Name).FirstOrDefault(), b.Mobile, b.Reason, b.CreatedAt))
            .ToListAsync(cancellationToken);
        return new BlockedNumberPage(rows, total);
    }

    /// <summary>Adds numbers to an account's list, or to the platform's when <paramref name="accountId"/> is null.</summary>
    public async Task<BlacklistChange> AddAsync(int? accountId, IEnumerable<string> numbers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        var refused = new List<string>();
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var repeated = 0;
        foreach (var line in numbers)
        {
            // A CSV export from a spreadsheet: the number is the first cell.
            var cell = line.Split([',', ';', '\t'], 2)[0].Trim().Trim('"');
            if (cell.Length == 0)
            {
                continue;
            }

            var parsed = MobileNumber.Parse(cell);
            if (!parsed.IsAccepted)
            {
                refused.Add(cell.Length > 40 ? cell[..40] : cell);
                continue;
            }

            if (!wanted.Add(parsed.Value.Value))
            {
                repeated++;
            }
        }

        if (wanted.Count == 0)
        {
            return new BlacklistChange(0, repeated, refused);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in wanted.Chunk(500))
        {
            existing.UnionWith(await db.BlockedNumbers.Where(b => b.AccountId == accountId && chunk.Contains(b.Mobile)).Select(b => b.Mobile).ToListAsync(cancellationToken));
        }

        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var mobile in wanted.Where(m => !existing.Contains(m)))
        {
            db.BlockedNumbers.Add(new BlockedNumber { AccountId = accountId, Mobile = mobile, Reason = BlockReason.Manual, CreatedAt = now });
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new BlacklistChange(added, repeated + existing.Count, refused);
    }

    /// <summary>A text or CSV file, one number per line (the first cell of each row); null when it is over 2 MB.</summary>
    public async Task<BlacklistChange?> ImportAsync(int? accountId, Stream file, CancellationToken cancellationToken)
    {
        var text = await ImportText.ReadAsync(file, MaxImportBytes, cancellationToken);
        return text is null ? null : await AddAsync(accountId, text.Split('\n'), cancellationToken);
    }

    /// <summary>
    /// Takes a number off a list. <paramref name="accountId"/> is the customer's own account (only its entries, and
    /// never an opt-out: the person asked for silence); null means an admin, who may release any entry.
    /// </summary>
    public async Task<ReleaseOutcome> ReleaseAsync(int? accountId, long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entry = await db.BlockedNumbers.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (entry is null || (accountId is not null && entry.AccountId != accountId))
        {
            return ReleaseOutcome.NotFound;
        }

        if (accountId is not null && entry.Reason == BlockReason.OptOut)
        {
            return ReleaseOutcome.OptOutKept;
        }

        db.BlockedNumbers.Remove(entry);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (entry is { Reason: BlockReason.OverLimit, AccountId: { } owner })
        {
            // A fresh start: the over-limit sends that put it here no longer count towards the next 408.
            var key = SmsPortal.Infrastructure.Sending.SendCounterKeys.OverLimit(entry.Mobile);
            await db.SendCounters.Where(c => c.AccountId == owner && c.Key == key).ExecuteDeleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ReleaseOutcome.Released;
    }

    /// <summary>
    /// For reply handling: the handset of <paramref name="mobile"/> replied TD / 退订 / STOP to the account (see
    /// <see cref="OptOut.IsOptOutReply"/>). Puts the number on the account's list as an opt-out, or marks an entry
    /// already there as one. True when the number was not blocked before; false when it already was, or is not a
    /// number. Safe to call twice.
    /// </summary>
    public async Task<bool> AddOptOutAsync(int accountId, string mobile, CancellationToken cancellationToken)
    {
        var parsed = MobileNumber.Parse(mobile);
        if (!parsed.IsAccepted)
        {
            return false;
        }

        var value = parsed.Value.Value;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entry = await db.BlockedNumbers.SingleOrDefaultAsync(b => b.AccountId == accountId && b.Mobile == value, cancellationToken);
        if (entry is not null)
        {
            if (entry.Reason != BlockReason.OptOut)
            {
                entry.Reason = BlockReason.OptOut;
                await db.SaveChangesAsync(cancellationToken);
            }

            return false;
        }

        db.BlockedNumbers.Add(new BlockedNumber { AccountId = accountId, Mobile = value, Reason = BlockReason.OptOut, CreatedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // The same reply handled twice at once: the other insert won, which is the same outcome.
            return false;
        }
    }

    /// <summary>Whether the account may not send to the number: on its own list or on the platform's (4030).</summary>
    public async Task<bool> IsBlockedAsync(int accountId, string mobile, CancellationToken cancellationToken)
    {
        var parsed = MobileNumber.Parse(mobile);
        if (!parsed.IsAccepted)
        {
            return false;
        }

        var value = parsed.Value.Value;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.BlockedNumbers.AnyAsync(b => b.Mobile == value && (b.AccountId == accountId || b.AccountId == null), cancellationToken);
    }
}
