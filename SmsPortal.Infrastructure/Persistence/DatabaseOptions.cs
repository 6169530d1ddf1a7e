using System.ComponentModel.DataAnnotations;

namespace SmsPortal.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (default) or PostgreSql.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the node starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// SQLite's synchronous pragma on every connection. Full (the default) syncs the WAL at every commit, so an
    /// accepted message survives a power cut; Normal survives a process crash only (measured in docs/benchmarks.md, not a default).
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;
}

public enum SqliteSynchronous
{
    Full,
    Normal,
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
