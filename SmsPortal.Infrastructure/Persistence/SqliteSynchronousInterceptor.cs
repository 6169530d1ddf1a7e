using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SmsPortal.Infrastructure.Persistence;

/// <summary>Sets SQLite's synchronous pragma (a per-connection setting) on every connection EF Core opens.</summary>
internal sealed class SqliteSynchronousInterceptor(SqliteSynchronous mode) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection, mode);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection, mode);
        return Task.CompletedTask;
    }

    public static void Apply(DbConnection connection, SqliteSynchronous mode)
    {
        if (connection is SqliteConnection sqlite)
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = mode == SqliteSynchronous.Normal ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL";
            command.ExecuteNonQuery();
        }
    }
}
