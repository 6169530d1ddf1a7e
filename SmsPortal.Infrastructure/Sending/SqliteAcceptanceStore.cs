using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>
/// The acceptance batch on SQLite, written by hand: one connection kept open by the writer, statements prepared
/// once, point reads for what the batch needs and one upsert per counter the batch changed. The write transaction
/// (BEGIN IMMEDIATE) is the lock: nothing else writes between the reads and the commit. EF Core's change tracking
/// cost more than the rest of a commit together.
/// The second and minute counters are not rows here but <see cref="ShortWindows"/> in this writer's memory,
/// counted from the message table itself (docs/decisions/0016-short-windows-in-memory-on-sqlite.md).
/// </summary>
internal sealed class SqliteAcceptanceStore(IDbContextFactory<SmsPortalDbContext> contexts, CreditLedger ledger, SqliteConnectionSetup setup, SqliteWriteTurn turn) : IAcceptanceStore
{
    private readonly ShortWindows _shortWindows = new();
    private Statements? _statements;

    public async Task<IAcceptanceBatch> BeginAsync(IReadOnlyList<PendingSubmission> batch, Windows windows, IReadOnlyList<SubmissionKeys> keys, CancellationToken cancellationToken)
    {
        // The pipeline's writers take turns in this process before SQLite's lock (see SqliteWriteTurn).
        var held = await turn.TakeAsync(cancellationToken);
        SqliteTransaction? transaction = null;
        try
        {
            var statements = _statements ??= Open();
            transaction = statements.Connection.BeginTransaction(deferred: false);
            _shortWindows.CatchUp(statements, transaction, windows);
            var balances = new Dictionary<int, long>();
            foreach (var submission in batch)
            {
                if (!balances.ContainsKey(submission.AccountId))
                {
                    balances[submission.AccountId] = statements.Ledger.Balance(transaction, submission.AccountId);
                }
            }

            return new Batch(this, statements, transaction, balances, _shortWindows, held);
        }
        catch
        {
            transaction?.Dispose();
            Close();
            held.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private Statements Open()
    {
        using var db = contexts.CreateDbContext();
        var connection = new SqliteConnection(db.Database.GetConnectionString());
        try
        {
            connection.Open();
            setup.Apply(connection);
            if (setup.SyncsCommits)
            {
                // The commit itself does not sync; the batch syncs the log after it, outside the write lock (WalSync).
                using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA synchronous = NORMAL";
                pragma.ExecuteNonQuery();
            }

            return new Statements(connection, new SqliteMessageInsert(db.Model), ledger.ForSqlite(connection), setup.SyncsCommits ? new WalSync(connection.DataSource + "-wal") : null);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>After a failed batch the connection is opened afresh, so no half-finished state carries over.</summary>
    private void Close()
    {
        _statements?.Dispose();
        _statements = null;
    }

    private sealed class Batch(SqliteAcceptanceStore store, Statements statements, SqliteTransaction transaction, Dictionary<int, long> balances, ShortWindows shortWindows, SqliteWriteTurn.Turn held) : IAcceptanceBatch
    {
        private readonly List<KeyValuePair<CounterKey, int>> _shortIncrements = [];
        private readonly Dictionary<int, long> _money = [];
        private long _lastId;
        private bool _committed;
        private bool _released;

        public IReadOnlyDictionary<int, long> Balances => balances;

        public ValueTask<long> MoneyAsync(int accountId, CancellationToken cancellationToken)
        {
            if (!_money.TryGetValue(accountId, out var fen))
            {
                fen = statements.Ledger.Balance(transaction, accountId, LedgerCurrency.Cny);
                _money[accountId] = fen;
            }

            return ValueTask.FromResult(fen);
        }

        public BlockReason? Blocked(int accountId, string mobile)
        {
            var command = statements.Prepared(transaction, statements.Blocked, accountId, mobile);
            using var reader = command.ExecuteReader();
            BlockReason? account = null;
            BlockReason? platform = null;
            while (reader.Read())
            {
                var reason = (BlockReason)reader.GetInt32(1);
                if (reader.IsDBNull(0))
                {
                    platform = reason;
                }
                else
                {
                    account = reason;
                }
            }

            return AcceptedMessageRow.Deciding(account, platform);
        }

        public StoredMessage? Earlier(int accountId, string idempotencyKey)
        {
            var command = statements.Prepared(transaction, statements.Earlier, accountId, idempotencyKey);
            using var reader = command.ExecuteReader();
            return reader.Read() ? new StoredMessage(reader.GetInt64(0), SqliteValues.Time(reader.GetInt64(1))) : null;
        }

        public int Count(CounterKey key)
        {
            if (ShortWindows.Holds(key))
            {
                return shortWindows.Count(key);
            }

            var command = statements.Prepared(transaction, statements.Count, key.AccountId, key.Key, key.Bucket);
            return command.ExecuteScalar() is long count ? (int)count : 0;
        }

        public Task<IReadOnlyList<StoredMessage>> WriteAsync(
            IReadOnlyList<PendingSubmission> accepted,
            DateTimeOffset now,
            IReadOnlyCollection<KeyValuePair<CounterKey, int>> counterIncrements,
            IReadOnlyCollection<(int AccountId, string Mobile)> blacklisted,
            CancellationToken cancellationToken)
        {
            var at = SqliteValues.Time(now);
            var running = new Dictionary<int, long>(balances);
            var runningMoney = new Dictionary<int, long>(_money);
            var stored = new List<StoredMessage>(accepted.Count);
            foreach (var s in accepted)
            {
                var insert = statements.Prepared(transaction, statements.InsertMessage);
                statements.MessageRow.Bind(insert, AcceptedMessageRow.Of(s, now));
                var message = new StoredMessage((long)insert.ExecuteScalar()!, now);
                stored.Add(message);
                _lastId = message.Id;

                // The reservation names the message it holds credits (or money) for.
                foreach (var line in AcceptedMessageRow.Reserves(s, message.SmsId))
                {
                    statements.Ledger.Append(transaction, line.Currency == LedgerCurrency.Cny ? runningMoney : running, line, now);
                }
            }

            foreach (var (key, increment) in counterIncrements)
            {
                if (ShortWindows.Holds(key))
                {
                    _shortIncrements.Add(new(key, increment));
                    continue;
                }

                statements.Prepared(transaction, statements.AddToCount, key.AccountId, key.Key, key.Bucket, increment).ExecuteNonQuery();
            }

            foreach (var (accountId, mobile) in blacklisted)
            {
                statements.Prepared(transaction, statements.Blacklist, accountId, mobile, (int)BlockReason.OverLimit, at).ExecuteNonQuery();
            }

            return Task.FromResult<IReadOnlyList<StoredMessage>>(stored);
        }

        public Task RecordBatchNumbersAsync(IReadOnlyList<BatchNumberOutcome> outcomes, CancellationToken cancellationToken)
        {
            foreach (var outcome in outcomes)
            {
                statements.Prepared(transaction, statements.RecordBatchNumber, outcome.Code, outcome.MessageId is { } id ? id : (object)DBNull.Value, outcome.NumberId).ExecuteNonQuery();
            }

            return Task.CompletedTask;
        }

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            transaction.Commit();
            _committed = true;
            shortWindows.Committed(_shortIncrements, _lastId);

            // The write lock goes to the next writer at once; the batch is acknowledged only once the log holding
            // it is on disk (an fsync of the WAL file, which also covers every frame committed before it).
            Release();
            if (statements.Sync is { } sync)
            {
                await sync.FlushAsync();
            }
        }

        private void Release()
        {
            if (!_released)
            {
                _released = true;
                held.Dispose();
            }
        }

        public ValueTask DisposeAsync()
        {
            transaction.Dispose();
            if (!_committed)
            {
                store.Close();
            }

            Release();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The writer's connection and its prepared statements (SQLite compiles each once, not per batch).</summary>
    private sealed class Statements : IDisposable
    {
        public Statements(SqliteConnection connection, SqliteMessageInsert messageRow, SqliteLedgerAppender ledger, WalSync? sync)
        {
            Connection = connection;
            MessageRow = messageRow;
            Ledger = ledger;
            Sync = sync;
            Blocked = Command("SELECT \"AccountId\", \"Reason\" FROM \"BlockedNumbers\" WHERE \"Mobile\" = @p1 AND (\"AccountId\" = @p0 OR \"AccountId\" IS NULL)", 2);
            Earlier = Command("SELECT \"Id\", \"AcceptedAt\" FROM \"Messages\" WHERE \"AccountId\" = @p0 AND \"IdempotencyKey\" = @p1", 2);
            Count = Command("SELECT \"Count\" FROM \"SendCounters\" WHERE \"AccountId\" = @p0 AND \"Key\" = @p1 AND \"Bucket\" = @p2", 3);
            AddToCount = Command(
                "INSERT INTO \"SendCounters\" (\"AccountId\", \"Key\", \"Bucket\", \"Count\") VALUES (@p0, @p1, @p2, @p3) "
                + "ON CONFLICT (\"AccountId\", \"Key\", \"Bucket\") DO UPDATE SET \"Count\" = \"Count\" + excluded.\"Count\"",
                4);
            InsertMessage = Command(messageRow.Sql, messageRow.ParameterCount);
            Blacklist = Command("INSERT INTO \"BlockedNumbers\" (\"AccountId\", \"Mobile\", \"Reason\", \"CreatedAt\") VALUES (@p0, @p1, @p2, @p3)", 4);
            LastMessageId = Command("SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Messages\"", 0);
            MessagesSince = Command("SELECT \"Id\", \"AccountId\", \"Mobile\", \"Text\", \"AcceptedAt\" FROM \"Messages\" WHERE \"Id\" > @p0 ORDER BY \"Id\" DESC", 1);
            RecordBatchNumber = Command("UPDATE \"SendBatchNumbers\" SET \"Code\" = @p0, \"MessageId\" = @p1 WHERE \"Id\" = @p2 AND \"Code\" IS NULL", 3);
        }

        public SqliteConnection Connection { get; }

        /// <summary>Syncs the log after a commit; null when Database:SqliteSynchronous is Normal.</summary>
        public WalSync? Sync { get; }

        public SqliteLedgerAppender Ledger { get; }

        public SqliteCommand Blocked { get; }

        public SqliteCommand Earlier { get; }

        public SqliteCommand Count { get; }

        public SqliteCommand AddToCount { get; }

        public SqliteCommand InsertMessage { get; }

        /// <summary>The columns of <see cref="InsertMessage"/>, from the model.</summary>
        public SqliteMessageInsert MessageRow { get; }

        public SqliteCommand Blacklist { get; }

        public SqliteCommand LastMessageId { get; }

        public SqliteCommand MessagesSince { get; }

        public SqliteCommand RecordBatchNumber { get; }

        /// <summary>The command with its parameters set, in the batch's transaction.</summary>
        public SqliteCommand Prepared(SqliteTransaction transaction, SqliteCommand command, params object[] values)
        {
            command.Transaction = transaction;
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i];
            }

            return command;
        }

        public void Dispose()
        {
            foreach (var command in new[] { Blocked, Earlier, Count, AddToCount, InsertMessage, Blacklist, LastMessageId, MessagesSince, RecordBatchNumber })
            {
                command.Dispose();
            }

            Ledger.Dispose();
            Sync?.Dispose();
            Connection.Dispose();
        }

        private SqliteCommand Command(string sql, int parameters)
        {
            var command = Connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < parameters; i++)
            {
                command.Parameters.Add(new SqliteParameter("@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
            }

            return command;
        }
    }

    /// <summary>
    /// The per-number counts of this second and of this minute (same text), kept by the writer instead of as rows:
    /// they change with every message and matter for a minute at most. They are counted from the message table
    /// itself, which holds exactly the accepted messages: at the first batch the writer reads the messages of the
    /// current minute, and before every batch it reads whatever messages it did not write itself (another process
    /// on the same file), so a restart or a second writer cannot let a number past its limit.
    /// </summary>
    private sealed class ShortWindows
    {
        private readonly Dictionary<CounterKey, int> _second = [];
        private readonly Dictionary<CounterKey, int> _minute = [];
        private long _secondBucket = -1;
        private long _minuteBucket = -1;
        private long _lastSeenId = -1;

        public static bool Holds(CounterKey key) => key.Key.Length > 1 && key.Key[1] == ':' && key.Key[0] is 's' or 'm';

        public int Count(CounterKey key) => (key.Key[0] == 's' ? _second : _minute).GetValueOrDefault(key);

        /// <summary>Moves to the batch's buckets and counts the messages stored since this writer last looked.</summary>
        public void CatchUp(Statements statements, SqliteTransaction transaction, Windows windows)
        {
            if (windows.Second != _secondBucket)
            {
                _second.Clear();
                _secondBucket = windows.Second;
            }

            if (windows.Minute != _minuteBucket)
            {
                _minute.Clear();
                _minuteBucket = windows.Minute;
            }

            var last = (long)statements.Prepared(transaction, statements.LastMessageId).ExecuteScalar()!;
            if (last == _lastSeenId)
            {
                return;
            }

            // Newest first, back to the start of this minute (ids follow commit order, and so acceptance time).
            var minuteStart = DateTimeOffset.FromUnixTimeSeconds(_minuteBucket * 60);
            using (var reader = statements.Prepared(transaction, statements.MessagesSince, Math.Max(_lastSeenId, 0)).ExecuteReader())
            {
                while (reader.Read())
                {
                    var acceptedAt = SqliteValues.Time(reader.GetInt64(4));
                    if (acceptedAt < minuteStart)
                    {
                        break;
                    }

                    var accountId = reader.GetInt32(1);
                    var mobile = reader.GetString(2);
                    var seconds = acceptedAt.ToUnixTimeSeconds();
                    if (seconds == _secondBucket)
                    {
                        Add(_second, Windows.SecondKey(accountId, mobile, seconds), 1);
                    }

                    if (seconds / 60 == _minuteBucket)
                    {
                        Add(_minute, Windows.IdenticalMinuteKey(accountId, mobile, Windows.Identical(reader.GetString(3)), _minuteBucket), 1);
                    }
                }
            }

            _lastSeenId = last;
        }

        /// <summary>After a commit: its increments count, and its messages have been seen.</summary>
        public void Committed(List<KeyValuePair<CounterKey, int>> increments, long lastId)
        {
            foreach (var (key, increment) in increments)
            {
                Add(key.Key[0] == 's' ? _second : _minute, key, increment);
            }

            if (lastId > _lastSeenId)
            {
                _lastSeenId = lastId;
            }
        }

        private static void Add(Dictionary<CounterKey, int> counts, CounterKey key, int increment) => counts[key] = counts.GetValueOrDefault(key) + increment;
    }

    /// <summary>
    /// Makes committed WAL frames durable without holding SQLite's write lock: an fsync of the log file (fsync covers
    /// the file, whoever wrote it). A checkpoint that moved frames into the database file synced that file first,
    /// so the frames are on disk either way once this returns.
    /// </summary>
    internal sealed class WalSync(string path) : IDisposable
    {
        private FileStream? _log;

        public Task FlushAsync() => Task.Run(() =>
        {
            _log ??= new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            _log.Flush(flushToDisk: true);
        });

        public void Dispose() => _log?.Dispose();
    }
}
