using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Pushes;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Pushes;

/// <summary>
/// The push pump's reads and writes of the outbox. The SQL is the same on both providers (times are Unix
/// milliseconds, RETURNING on both): on SQLite through the pipeline's kept connection in its write turn, on
/// PostgreSQL through a pooled connection per batch.
/// </summary>
internal sealed class PushStore(IDbContextFactory<SmsPortalDbContext> contexts, SqliteBatchConnection? sqlite) : IDisposable
{
    // The outer condition repeats the inner one so that, on PostgreSQL, a row another node leased in the meantime
    // is skipped (the UPDATE re-checks it after the row lock).
    private const string ClaimSql =
        "UPDATE \"PushOutbox\" SET \"DueAtMs\" = @p0 WHERE \"Id\" IN (SELECT \"Id\" FROM \"PushOutbox\" WHERE \"State\" = 0 AND \"DueAtMs\" <= @p1 ORDER BY \"DueAtMs\" LIMIT @p2) "
        + "AND \"State\" = 0 AND \"DueAtMs\" <= @p1 RETURNING \"Id\", \"AccountId\", \"Kind\", \"MessageId\", \"Url\", \"Body\", \"Attempts\"";

    private const string RecordSql =
        "UPDATE \"PushOutbox\" SET \"State\" = @p1, \"Attempts\" = @p2, \"DueAtMs\" = @p3, \"DoneAtMs\" = @p4, \"LastAnswer\" = @p5 WHERE \"Id\" = @p0";

    /// <summary>Leases up to <paramref name="max"/> pending pushes that are due to this node until <paramref name="leaseUntilMs"/>.</summary>
    public async Task<IReadOnlyList<PushOutboxEntry>> ClaimDueAsync(long nowMs, long leaseUntilMs, int max, CancellationToken cancellationToken)
    {
        if (sqlite is not null)
        {
            return await sqlite.WriteAsync(batch => Read(batch.Command(ClaimSql, leaseUntilMs, nowMs, max)), cancellationToken);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = Command(connection, ClaimSql, leaseUntilMs, nowMs, max);
        return Read(command);
    }

    public async Task RecordAsync(IReadOnlyList<PushResult> results, CancellationToken cancellationToken)
    {
        if (sqlite is not null)
        {
            await sqlite.WriteAsync(
                batch =>
                {
                    foreach (var r in results)
                    {
                        batch.Execute(RecordSql, r.Id, (int)r.State, r.Attempts, r.DueAtMs, r.DoneAtMs, Truncate(r.Answer));
                    }

                    return 0;
                },
                cancellationToken);
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var r in results)
        {
            await using var command = Command(connection, RecordSql, r.Id, (int)r.State, r.Attempts, r.DueAtMs, r.DoneAtMs, Truncate(r.Answer));
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public void Dispose() => sqlite?.Dispose();

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200];

    private static DbCommand Command(DbConnection connection, string sql, params object?[] values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameter.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static List<PushOutboxEntry> Read(DbCommand command)
    {
        var entries = new List<PushOutboxEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new PushOutboxEntry
            {
                Id = reader.GetInt64(0),
                AccountId = reader.GetInt32(1),
                Kind = (PushKind)reader.GetInt32(2),
                MessageId = reader.IsDBNull(3) ? null : reader.GetInt64(3),
                Url = reader.GetString(4),
                Body = reader.GetString(5),
                Attempts = reader.GetInt32(6),
            });
        }

        return entries;
    }
}
