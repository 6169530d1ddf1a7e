using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Ledger;

/// <summary>A movement to append: who, what kind, how many (signed), about what; in credits unless <see cref="Currency"/> says money.</summary>
public sealed record LedgerLine(int AccountId, LedgerEntryKind Kind, long Amount, string? Reference = null, string? Note = null)
{
    public LedgerCurrency Currency { get; init; } = LedgerCurrency.Credits;
}

/// <summary>
/// The only writer of ledger entries. Appends inside the caller's transaction after locking the accounts
/// concerned, so two writers (two requests, two nodes) never compute a running balance from the same
/// previous entry. On SQLite the write transaction itself is the lock (BEGIN IMMEDIATE); on PostgreSQL the
/// account rows are locked with SELECT … FOR NO KEY UPDATE, always in id order so writers cannot deadlock. NO KEY:
/// ledger writers exclude each other, but not an insert whose foreign key names the account (an order naming its buyer
/// and its seller takes a key-share lock on both, in its own order, which FOR UPDATE would turn into a deadlock).
/// </summary>
public sealed class CreditLedger(TimeProvider clock)
{
    /// <summary>Locks the accounts and returns their current credit balances. Needs an open transaction.</summary>
    public Task<Dictionary<int, long>> LockBalancesAsync(SmsPortalDbContext db, IReadOnlyCollection<int> accountIds, CancellationToken cancellationToken) =>
        LockBalancesAsync(db, accountIds, LedgerCurrency.Credits, cancellationToken);

    /// <summary>
    /// Locks the accounts and returns their current balances in <paramref name="currency"/>. One lock covers every
    /// currency of an account: a second call for the other currency in the same transaction reads under the same lock.
    /// </summary>
    public async Task<Dictionary<int, long>> LockBalancesAsync(SmsPortalDbContext db, IReadOnlyCollection<int> accountIds, LedgerCurrency currency, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Ledger balances are locked inside a transaction.");
        }

        var ids = accountIds.Distinct().Order().ToArray();
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1 FROM \"Accounts\" WHERE \"Id\" = ANY({0}) ORDER BY \"Id\" FOR NO KEY UPDATE", [ids], cancellationToken);
        }

        return await BalancesAsync(db, ids, currency, cancellationToken);
    }

    /// <summary>Current credit balances without a lock, for display.</summary>
    public static Task<Dictionary<int, long>> BalancesAsync(SmsPortalDbContext db, IReadOnlyCollection<int> accountIds, CancellationToken cancellationToken) =>
        BalancesAsync(db, accountIds, LedgerCurrency.Credits, cancellationToken);

    /// <summary>Current balances in <paramref name="currency"/> without a lock, for display: each the latest entry's running balance.</summary>
    public static async Task<Dictionary<int, long>> BalancesAsync(SmsPortalDbContext db, IReadOnlyCollection<int> accountIds, LedgerCurrency currency, CancellationToken cancellationToken)
    {
        var latest = db.LedgerEntries
            .Where(e => accountIds.Contains(e.AccountId) && e.Currency == currency)
            .GroupBy(e => e.AccountId)
            .Select(g => g.Max(e => e.Id));
        var balances = await db.LedgerEntries
            .Where(e => latest.Contains(e.Id))
            .Select(e => new { e.AccountId, e.BalanceAfter })
            .ToDictionaryAsync(e => e.AccountId, e => e.BalanceAfter, cancellationToken);
        foreach (var id in accountIds)
        {
            balances.TryAdd(id, 0);
        }

        return balances;
    }

    /// <summary>
    /// Adds the lines as entries with their running balances (to the change tracker; the caller saves within
    /// its transaction). <paramref name="balances"/> comes from <see cref="LockBalancesAsync(SmsPortalDbContext, IReadOnlyCollection{int}, CancellationToken)"/>
    /// and is kept current; every line is in credits.
    /// </summary>
    public IReadOnlyList<LedgerEntry> Append(SmsPortalDbContext db, Dictionary<int, long> balances, IEnumerable<LedgerLine> lines) =>
        Append(db, balances, null, lines);

    /// <summary>
    /// As above, for lines in either currency: <paramref name="credits"/> and <paramref name="money"/> are the locked
    /// balances of each (null when no line is in it). A money balance never goes below zero: a line that would take it
    /// there throws, and the caller's transaction writes nothing.
    /// </summary>
    public IReadOnlyList<LedgerEntry> Append(SmsPortalDbContext db, Dictionary<int, long>? credits, Dictionary<int, long>? money, IEnumerable<LedgerLine> lines)
    {
        var now = clock.GetUtcNow();
        var entries = new List<LedgerEntry>();
        foreach (var line in lines)
        {
            var balances = (line.Currency == LedgerCurrency.Credits ? credits : money)
                ?? throw new InvalidOperationException($"No locked {line.Currency} balances for a {line.Currency} line.");
            var balance = Next(balances[line.AccountId], line);
            balances[line.AccountId] = balance;
            entries.Add(new LedgerEntry
            {
                AccountId = line.AccountId,
                Currency = line.Currency,
                Kind = line.Kind,
                Amount = line.Amount,
                BalanceAfter = balance,
                Reference = line.Reference,
                Note = line.Note,
                CreatedAt = now,
            });
        }

        db.LedgerEntries.AddRange(entries);
        return entries;
    }

    /// <summary>
    /// Locks the lines' accounts, reads their balances in the currencies the lines use (money only when a line is in
    /// money, so a credits-only caller reads what it read before) and appends the lines. Inside the caller's transaction;
    /// the caller saves.
    /// </summary>
    public async Task<IReadOnlyList<LedgerEntry>> AppendLockedAsync(SmsPortalDbContext db, IReadOnlyList<LedgerLine> lines, CancellationToken cancellationToken)
    {
        var accounts = lines.Select(l => l.AccountId).Distinct().ToArray();
        var credits = await LockBalancesAsync(db, accounts, cancellationToken);
        var moneyAccounts = lines.Where(l => l.Currency == LedgerCurrency.Cny).Select(l => l.AccountId).Distinct().ToArray();
        var money = moneyAccounts.Length == 0 ? null : await BalancesAsync(db, moneyAccounts, LedgerCurrency.Cny, cancellationToken);
        return Append(db, credits, money, lines);
    }

    /// <summary>The running balance after <paramref name="line"/>; money never goes below zero (credits are checked by their callers).</summary>
    internal static long Next(long before, LedgerLine line)
    {
        var balance = before + line.Amount;
        if (line.Currency == LedgerCurrency.Cny && balance < 0 && line.Amount < 0)
        {
            throw new InvalidOperationException($"Account {line.AccountId}'s money balance would go below zero ({before} fen, {line.Amount} fen).");
        }

        return balance;
    }

    /// <summary>The append path of the SQLite acceptance writer, on its own connection (see <see cref="SqliteLedgerAppender"/>).</summary>
    internal SqliteLedgerAppender ForSqlite(SqliteConnection connection) => new(connection);

    /// <summary>
    /// The same append for the pipeline's other SQLite writers (<see cref="SqliteBatchConnection"/>): balances are read
    /// once per account inside the batch's write transaction, which is the lock on every account.
    /// </summary>
    internal static void SqliteAppend(SqliteBatchConnection.Batch batch, Dictionary<(int AccountId, LedgerCurrency Currency), long> balances, LedgerLine line, DateTimeOffset now)
    {
        if (!balances.TryGetValue((line.AccountId, line.Currency), out var before))
        {
            before = batch.Command(SqliteLedgerAppender.BalanceSql, line.AccountId, (int)line.Currency).ExecuteScalar() is long stored ? stored : 0;
        }

        var balance = Next(before, line);
        balances[(line.AccountId, line.Currency)] = balance;
        batch.Execute(SqliteLedgerAppender.InsertSql, line.AccountId, (int)line.Kind, line.Amount, balance, line.Reference, line.Note, SqliteValues.Time(now), (int)line.Currency);
    }

    /// <summary>Appends in a transaction of its own (or the caller's, when one is open) and saves; lines in either currency.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> AppendAsync(SmsPortalDbContext db, IReadOnlyList<LedgerLine> lines, CancellationToken cancellationToken)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var entries = await AppendLockedAsync(db, lines, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return entries;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }
}

/// <summary>
/// The ledger's append path for the SQLite acceptance writer: the same running balances as
/// <see cref="CreditLedger.Append"/>, through statements prepared once on the writer's own connection.
/// Used inside that connection's write transaction (BEGIN IMMEDIATE), which is the lock on every account.
/// </summary>
internal sealed class SqliteLedgerAppender : IDisposable
{
    internal const string BalanceSql = "SELECT \"BalanceAfter\" FROM \"LedgerEntries\" WHERE \"AccountId\" = @p0 AND \"Currency\" = @p1 ORDER BY \"Id\" DESC LIMIT 1";

    internal const string InsertSql = "INSERT INTO \"LedgerEntries\" (\"AccountId\", \"Kind\", \"Amount\", \"BalanceAfter\", \"Reference\", \"Note\", \"CreatedAt\", \"Currency\") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)";

    private readonly SqliteCommand _balance;
    private readonly SqliteCommand _insert;

    public SqliteLedgerAppender(SqliteConnection connection)
    {
        _balance = connection.CreateCommand();
        _balance.CommandText = BalanceSql;
        _balance.Parameters.Add("@p0", SqliteType.Integer);
        _balance.Parameters.Add("@p1", SqliteType.Integer);
        _insert = connection.CreateCommand();
        _insert.CommandText = InsertSql;
        foreach (var (name, type) in new[] { ("@p0", SqliteType.Integer), ("@p1", SqliteType.Integer), ("@p2", SqliteType.Integer), ("@p3", SqliteType.Integer), ("@p4", SqliteType.Text), ("@p5", SqliteType.Text), ("@p6", SqliteType.Integer), ("@p7", SqliteType.Integer) })
        {
            _insert.Parameters.Add(name, type);
        }
    }

    /// <summary>The account's balance in <paramref name="currency"/>: its latest entry's running balance, 0 without entries.</summary>
    public long Balance(SqliteTransaction transaction, int accountId, LedgerCurrency currency = LedgerCurrency.Credits)
    {
        _balance.Transaction = transaction;
        _balance.Parameters[0].Value = accountId;
        _balance.Parameters[1].Value = (int)currency;
        return _balance.ExecuteScalar() is long balance ? balance : 0;
    }

    /// <summary>Appends one entry; <paramref name="balances"/> holds the locked balances of the line's currency and is kept current.</summary>
    public void Append(SqliteTransaction transaction, Dictionary<int, long> balances, LedgerLine line, DateTimeOffset now)
    {
        var balance = CreditLedger.Next(balances[line.AccountId], line);
        balances[line.AccountId] = balance;
        _insert.Transaction = transaction;
        var p = _insert.Parameters;
        p[0].Value = line.AccountId;
        p[1].Value = (int)line.Kind;
        p[2].Value = line.Amount;
        p[3].Value = balance;
        p[4].Value = (object?)line.Reference ?? DBNull.Value;
        p[5].Value = (object?)line.Note ?? DBNull.Value;
        p[6].Value = SqliteValues.Time(now);
        p[7].Value = (int)line.Currency;
        _insert.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _balance.Dispose();
        _insert.Dispose();
    }
}
