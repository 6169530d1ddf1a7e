using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SmsPortal.Infrastructure.Persistence;

/// <summary>
/// A pipeline writer's own SQLite connection: kept open, its statements prepared once, each batch one write
/// transaction (BEGIN IMMEDIATE) taken in its <see cref="SqliteWriteTurn"/>. A batch that fails rolls back and the
/// connection is opened afresh for the next, so nothing half-done carries over.
/// <para>
/// These connections commit with synchronous = NORMAL: in WAL mode a commit is then written to the log without
/// its own fsync (0.05 ms instead of ~4 ms here), and is safe when the process dies (kill -9), since the
/// operating system holds the write. The acceptance writer keeps Database:SqliteSynchronous (FULL by default),
/// and each of its commits syncs the log with every frame before it, so after a power cut at most the pipeline's
/// last few milliseconds of answers, receipts and push outcomes are lost (decision 0020).
/// </para>
/// </summary>
internal sealed class SqliteBatchConnection(string connectionString, SqliteConnectionSetup setup, SqliteWriteTurn turn, bool urgent = false) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;

    /// <summary>Runs <paramref name="work"/> in one write transaction in this process's turn and commits it.</summary>
    public async Task<T> WriteAsync<T>(Func<Batch, T> work, CancellationToken cancellationToken)
    {
        using var _ = await turn.TakeAsync(urgent, cancellationToken).ConfigureAwait(false);
        var connection = Open();
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = work(new Batch(this, transaction));
            transaction.Commit();
            return result;
        }
        catch
        {
            Close();
            throw;
        }
    }


    public void Dispose() => Close();

    private SqliteConnection Open()
    {
        if (_connection is null)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                setup.Apply(connection);
                using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA synchronous = NORMAL";
                pragma.ExecuteNonQuery();
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            _connection = connection;
        }

        return _connection;
    }

    private void Close()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>One batch's access to the prepared statements, inside its transaction.</summary>
    public readonly struct Batch(SqliteBatchConnection owner, SqliteTransaction transaction)
    {
        /// <summary>The statement for <paramref name="sql"/> (prepared on first use) with @p0, @p1, … set to <paramref name="values"/>.</summary>
        public SqliteCommand Command(string sql, params object?[] values)
        {
            if (!owner._commands.TryGetValue(sql, out var command))
            {
                command = owner.Open().CreateCommand();
                command.CommandText = sql;
                for (var i = 0; i < values.Length; i++)
                {
                    command.Parameters.Add(new SqliteParameter("@p" + i.ToString(CultureInfo.InvariantCulture), null));
                }

                owner._commands[sql] = command;
            }

            command.Transaction = transaction;
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            return command;
        }

        public int Execute(string sql, params object?[] values) => Command(sql, values).ExecuteNonQuery();
    }
}
