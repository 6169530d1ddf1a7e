using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SmsPortal.Infrastructure.Persistence;

/// <summary>
/// Per-connection pragmas on every SQLite connection EF Core opens (and the acceptance writer's own):
/// <list type="bullet">
/// <item>busy_timeout: a connection that finds the write lock taken waits inside SQLite, which retries within a
/// millisecond or so of the lock coming free. Without it Microsoft.Data.Sqlite retries the statement itself after
/// sleeping 150 ms each time, which made every collision between acceptance and dispatch a 150 ms stall.</item>
/// <item>synchronous: FULL unless Database:SqliteSynchronous says otherwise.</item>
/// <item>cache_size: 16 MiB of page cache per connection rather than 2, so the hot pages of the outbox and its
/// indexes stay in the connection and are not read again from the file (a pread system call per page).</item>
/// <item>secure_delete FAST: content a statement removes or shortens (a verification code hidden in a message's text)
/// is zeroed in its page where that costs no extra I/O, instead of lingering in the file's free space.</item>
/// </list>
/// </summary>
internal sealed class SqliteConnectionSetup(SqliteSynchronous mode, int busyTimeoutSeconds) : DbConnectionInterceptor
{
    private const int CacheKibibytes = 16 * 1024;

    /// <summary>Whether commits must reach the disk before they are acknowledged (FULL, the default).</summary>
    public bool SyncsCommits => mode != SqliteSynchronous.Normal;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    public void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = string.Create(
                CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {busyTimeoutSeconds * 1000}; PRAGMA synchronous = {(mode == SqliteSynchronous.Normal ? "NORMAL" : "FULL")}; PRAGMA cache_size = -{CacheKibibytes}; PRAGMA secure_delete = FAST;");
            command.ExecuteNonQuery();
        }
    }
}
