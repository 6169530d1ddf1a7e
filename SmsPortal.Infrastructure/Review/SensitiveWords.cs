using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Review;

/// <summary>
/// The platform's sensitive-word matcher for the sending pipeline and template filing. Building the automaton costs
/// a scan of the whole list, so it is built once and kept; every few seconds (Review:SensitiveWordsRefreshSeconds)
/// one caller reads the list's version stamp, and only a new version rebuilds. Other nodes therefore pick up an
/// admin's change within that interval; this node at once.
/// </summary>
public sealed class SensitiveWords(IDbContextFactory<SmsPortalDbContext> contexts, TimeProvider clock, IOptions<ReviewOptions> options)
{
    private sealed record Snapshot(ISensitiveWordMatcher Matcher, long Version, DateTimeOffset CheckedAt);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot? _snapshot;

    private TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(0, options.Value.SensitiveWordsRefreshSeconds));

    /// <summary>
    /// The matcher for the current list. Synchronous while the cached one is fresh; the first call on a node waits for
    /// the list, later ones never wait for a rebuild (they use the previous matcher while another caller rebuilds).
    /// </summary>
    public ValueTask<ISensitiveWordMatcher> GetMatcherAsync(CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null && clock.GetUtcNow() - snapshot.CheckedAt < Interval)
        {
            return ValueTask.FromResult(snapshot.Matcher);
        }

        return new ValueTask<ISensitiveWordMatcher>(RefreshAsync(snapshot, cancellationToken));
    }

    /// <summary>Makes the next <see cref="GetMatcherAsync"/> look at the database (called when this node changed the list).</summary>
    public void Invalidate()
    {
        if (Volatile.Read(ref _snapshot) is { } snapshot)
        {
            Volatile.Write(ref _snapshot, snapshot with { CheckedAt = DateTimeOffset.MinValue });
        }
    }

    private async Task<ISensitiveWordMatcher> RefreshAsync(Snapshot? stale, CancellationToken cancellationToken)
    {
        if (stale is not null)
        {
            if (!await _refresh.WaitAsync(0, cancellationToken))
            {
                return stale.Matcher;
            }
        }
        else
        {
            await _refresh.WaitAsync(cancellationToken);
        }

        try
        {
            var current = Volatile.Read(ref _snapshot);
            var now = clock.GetUtcNow();
            if (current is not null && now - current.CheckedAt < Interval)
            {
                return current.Matcher;
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var version = await SensitiveWordList.VersionAsync(db, cancellationToken);
            if (current is not null && current.Version == version)
            {
                Volatile.Write(ref _snapshot, current with { CheckedAt = now });
                return current.Matcher;
            }

            // The version is read before the words: a change committed in between makes the words newer than the
            // version, never older, and the next check rebuilds again.
            var words = await db.SensitiveWords.AsNoTracking().Select(w => w.Word).ToListAsync(cancellationToken);
            var matcher = SensitiveWordMatcher.Build(words);
            Volatile.Write(ref _snapshot, new Snapshot(matcher, version, now));
            return matcher;
        }
        finally
        {
            _refresh.Release();
        }
    }
}

public sealed record SensitiveWordRow(int Id, string Word, DateTimeOffset CreatedAt, string? CreatedBy);

public sealed record SensitiveWordPage(IReadOnlyList<SensitiveWordRow> Rows, int Total, DateTimeOffset? ChangedAt);

/// <summary>What an add or an import did: words added, words already listed (as written or in another case or width), lines refused.</summary>
public sealed record SensitiveWordChange(int Added, int AlreadyListed, IReadOnlyList<string> Refused);

/// <summary>The admins' side of the list: search, add, delete, import and export. Every change bumps the version stamp.</summary>
public sealed class SensitiveWordList(IDbContextFactory<SmsPortalDbContext> contexts, SensitiveWords matcher, TimeProvider clock)
{
    /// <summary>The largest import file read: a list of tens of thousands of words fits.</summary>
    public const long MaxImportBytes = 2 * 1024 * 1024;

    public async Task<SensitiveWordPage> SearchAsync(string? search, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.SensitiveWords.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var folded = Fold(search);
            var term = search.Trim();
            query = query.Where(w => w.Word.Contains(term) || (folded != "" && w.Folded.Contains(folded)));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(w => w.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500))
            .Select(w => new SensitiveWordRow(w.Id, w.Word, w.CreatedAt, w.CreatedBy))
            .ToListAsync(cancellationToken);
        var changedAt = await db.SensitiveWordListStamps.Where(s => s.Id == SensitiveWordListStamp.TheOne).Select(s => s.ChangedAt).FirstOrDefaultAsync(cancellationToken);
        return new SensitiveWordPage(rows, total, changedAt);
    }

    /// <summary>Adds words (blank lines ignored); a word longer than 50 characters or made only of punctuation is refused.</summary>
    public async Task<SensitiveWordChange> AddAsync(IEnumerable<string> words, string addedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(words);
        var refused = new List<string>();
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        var repeated = 0;
        foreach (var line in words)
        {
            var word = line.Trim();
            if (word.Length == 0)
            {
                continue;
            }

            var folded = Fold(word);
            if (word.Length > SensitiveWord.MaxLength || folded.Length == 0)
            {
                refused.Add(word);
                continue;
            }

            if (!wanted.TryAdd(folded, word))
            {
                repeated++;
            }
        }

        if (wanted.Count == 0)
        {
            return new SensitiveWordChange(0, repeated, refused);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var keys = wanted.Keys.ToList();
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
        {
            existing.UnionWith(await db.SensitiveWords.Where(w => chunk.Contains(w.Folded)).Select(w => w.Folded).ToListAsync(cancellationToken));
        }

        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var (folded, word) in wanted)
        {
            if (existing.Contains(folded))
            {
                continue;
            }

            db.SensitiveWords.Add(new SensitiveWord { Word = word, Folded = folded, CreatedAt = now, CreatedBy = addedBy });
            added++;
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            await BumpAsync(db, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        matcher.Invalidate();
        return new SensitiveWordChange(added, repeated + existing.Count, refused);
    }

    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await db.SensitiveWords.Where(w => w.Id == id).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            await BumpAsync(db, clock.GetUtcNow(), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        matcher.Invalidate();
        return deleted > 0;
    }

    /// <summary>
    /// A text file, one word per line, as admins keep them: UTF-8 (with or without a byte order mark), UTF-16 with a
    /// mark, or GB18030 (what Chinese Windows saves as "ANSI"), told apart by whether the bytes are valid UTF-8.
    /// </summary>
    public async Task<SensitiveWordChange?> ImportAsync(Stream file, string addedBy, CancellationToken cancellationToken)
    {
        var text = await ImportText.ReadAsync(file, MaxImportBytes, cancellationToken);
        return text is null ? null : await AddAsync(text.Split('\n'), addedBy, cancellationToken);
    }

    /// <summary>The list, one word per line in UTF-8, oldest first, ready to import elsewhere.</summary>
    public async Task<string> ExportAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var words = await db.SensitiveWords.AsNoTracking().OrderBy(w => w.Id).Select(w => w.Word).ToListAsync(cancellationToken);
        return words.Count == 0 ? "" : string.Join('\n', words) + "\n";
    }

    internal static async Task<long> VersionAsync(SmsPortalDbContext db, CancellationToken cancellationToken) =>
        await db.SensitiveWordListStamps.Where(s => s.Id == SensitiveWordListStamp.TheOne).Select(s => s.Version).FirstOrDefaultAsync(cancellationToken);

    private static async Task BumpAsync(SmsPortalDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var bumped = await db.SensitiveWordListStamps.Where(s => s.Id == SensitiveWordListStamp.TheOne)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1).SetProperty(x => x.ChangedAt, now), cancellationToken);
        if (bumped == 0)
        {
            db.SensitiveWordListStamps.Add(new SensitiveWordListStamp { Id = SensitiveWordListStamp.TheOne, Version = 1, ChangedAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// A word as the matcher compares it: full-width ASCII made ASCII, lower case, and white space, punctuation and
    /// symbols dropped (the same folding as <see cref="SensitiveWordMatcher"/>), so the list holds each word once.
    /// </summary>
    public static string Fold(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var folded = new StringBuilder(word.Length);
        foreach (var rune in word.EnumerateRunes())
        {
            var value = rune.Value is >= 0xFF01 and <= 0xFF5E ? new Rune(rune.Value - 0xFEE0) : rune;
            if (value.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF))
            {
                continue;
            }

            switch (Rune.GetUnicodeCategory(value))
            {
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.DecimalDigitNumber:
                case UnicodeCategory.LetterNumber:
                case UnicodeCategory.OtherNumber:
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.EnclosingMark:
                case UnicodeCategory.Surrogate:
                case UnicodeCategory.PrivateUse:
                case UnicodeCategory.OtherNotAssigned:
                    folded.Append(Rune.ToLowerInvariant(value).ToString());
                    break;
            }
        }

        return folded.ToString();
    }
}

/// <summary>Reads an uploaded text list (sensitive words, numbers) whatever encoding a person's editor chose.</summary>
internal static class ImportText
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text with line ends made \n, or null when the file is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<string?> ReadAsync(Stream file, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await file.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + n > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, n);
        }

        var bytes = buffer.ToArray();
        return Decode(bytes).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
    }

    private static string Decode(byte[] bytes)
    {
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }

        if (bytes is [0xFF, 0xFE, ..])
        {
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }

        if (bytes is [0xFE, 0xFF, ..])
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }
}
