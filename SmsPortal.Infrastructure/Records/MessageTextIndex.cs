using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Records;

/// <summary>
/// The records' text index on SQLite (decision 0037): an FTS5 table with the trigram tokenizer over each message's
/// account, number and text (<see cref="Table"/>), written by a background step in batches up to an id mark
/// (<see cref="MarkTable"/>), never on the send path. A search of three characters or more reads the index for the
/// messages up to the mark and scans the few newer ones; what the index returns is checked again with the filter's own
/// condition, so the rows are exactly those of a scan. PostgreSQL needs none of this: its pg_trgm indexes are kept by
/// the database and serve the filter's LIKE directly.
/// </summary>
public sealed class MessageTextIndex(IDbContextFactory<SmsPortalDbContext> contexts, SqliteWriteTurn turn)
{
    public const string Table = "MessageTexts";

    public const string MarkTable = "MessageTextMarks";

    /// <summary>Trigram: a search shorter than this has no trigram to look up and is a scan.</summary>
    public const int ShortestSearch = 3;

    /// <summary>Rows indexed in one transaction: small enough that the send path's writers wait for it only briefly.</summary>
    public const int BatchSize = 1_000;

    /// <summary>The account token (<see cref="AccountToken"/>) in SQL, of the row's "AccountId" (the migration's triggers write the same).</summary>
    public const string AccountTokenOfAccountId = "char(57344 + ((\"AccountId\" >> 24) & 4095), 57344 + ((\"AccountId\" >> 12) & 4095), 57344 + (\"AccountId\" & 4095))";

    private const string MarkSql = "SELECT \"IndexedTo\" AS \"Value\" FROM \"" + MarkTable + "\" WHERE \"Id\" = 1";

    private const string BatchEndSql = "SELECT max(\"Id\") AS \"Value\" FROM (SELECT \"Id\" FROM \"Messages\" WHERE \"Id\" > {0} ORDER BY \"Id\" LIMIT {1})";

    private const string IndexSql = "INSERT INTO \"" + Table + "\" (rowid, \"Account\", \"Mobile\", \"Text\") SELECT \"Id\", " + AccountTokenOfAccountId + ", \"Mobile\", \"Text\" FROM \"Messages\" WHERE \"Id\" > {0} AND \"Id\" <= {1}";

    private const string MoveMarkSql = "UPDATE \"" + MarkTable + "\" SET \"IndexedTo\" = {0} WHERE \"Id\" = 1";

    /// <summary>The account as one trigram of its own (three characters of the private use area, 12 bits each): its rows' only token in the Account column.</summary>
    public static string AccountToken(int accountId) => string.Create(3, accountId, (span, id) =>
    {
        span[0] = (char)(0xE000 + ((id >> 24) & 0xFFF));
        span[1] = (char)(0xE000 + ((id >> 12) & 0xFFF));
        span[2] = (char)(0xE000 + (id & 0xFFF));
    });

    /// <summary>Whether the index can serve a search for <paramref name="text"/> (trimmed): three characters or more.</summary>
    public static bool Serves(string? text) => !string.IsNullOrWhiteSpace(text) && text.Trim().EnumerateRunes().Count() >= ShortestSearch;

    /// <summary>
    /// The FTS5 query for the account's messages whose number and text contain the given parts (each a phrase of
    /// trigrams, quotes doubled; a part the index cannot serve is left out, for the scan's condition to decide).
    /// </summary>
    public static string Match(int accountId, string? mobile, string? content)
    {
        var match = new StringBuilder();
        match.Append(CultureInfo.InvariantCulture, $"\"Account\" : {Phrase(AccountToken(accountId))}");
        if (Serves(mobile))
        {
            match.Append(CultureInfo.InvariantCulture, $" AND \"Mobile\" : {Phrase(mobile!.Trim())}");
        }

        if (Serves(content))
        {
            match.Append(CultureInfo.InvariantCulture, $" AND \"Text\" : {Phrase(content!.Trim())}");
        }

        return match.ToString();
    }

    /// <summary>The highest message id the index holds (every message up to it is indexed); 0 before the first step.</summary>
    public static async Task<long> MarkAsync(SmsPortalDbContext db, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<long>(MarkSql).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Indexes the messages after the mark, a batch a transaction, until it reaches the newest; returns how many it
    /// indexed. Each batch moves the mark in its own transaction, under the write lock, so the index and the mark never
    /// disagree. Nothing to do on PostgreSQL.
    /// </summary>
    public Task<long> CatchUpAsync(CancellationToken cancellationToken) => CatchUpAsync(BatchSize, cancellationToken);

    /// <summary>The same in batches of <paramref name="batchSize"/> (a first index of a large table, when nothing is sent meanwhile, takes bigger ones).</summary>
    public async Task<long> CatchUpAsync(int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        long indexed = 0;
        while (true)
        {
            var batch = await IndexBatchAsync(batchSize, cancellationToken);
            indexed += batch;
            if (batch < batchSize)
            {
                return indexed;
            }
        }
    }

    private async Task<int> IndexBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite())
        {
            return 0;
        }

        using var held = await turn.TakeAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var mark = await MarkAsync(db, cancellationToken);
        // SQLite has one writer and the ids grow (AUTOINCREMENT): under the write lock every id up to the newest is committed or never will be.
        var upTo = await db.Database.SqlQueryRaw<long?>(BatchEndSql, mark, batchSize).SingleAsync(cancellationToken);
        if (upTo is not { } to)
        {
            return 0;
        }

        var rows = await db.Database.ExecuteSqlRawAsync(IndexSql, [mark, to], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(MoveMarkSql, [to], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
