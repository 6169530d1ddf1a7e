using Npgsql;

namespace SmsPortal.Tests.Support;

/// <summary>
/// The portal on PostgreSQL with Hangfire's PostgreSQL storage, in a database of its own on the cluster
/// that pg_virtualenv started for the test run (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE).
/// </summary>
public sealed class PostgresPortalFactory : PortalFactory
{
    public PostgresPortalFactory()
    {
        DatabaseName = "smsportal_" + Guid.NewGuid().ToString("N")[..12];
        var server = ServerConnectionString();
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", connection);
        command.ExecuteNonQuery();
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = DatabaseName, MaxPoolSize = 40 }.ConnectionString;
    }

    public string DatabaseName { get; }

    public string ConnectionString { get; }

    /// <summary>A second node on this portal's database (the caller disposes it before this one).</summary>
    public PortalFactory AnotherNode()
    {
        var node = new PortalFactory();
        node.Settings["Database:Provider"] = "PostgreSql";
        node.Settings["ConnectionStrings:Default"] = ConnectionString;
        return node;
    }

    /// <summary>The cluster from the environment; a clear failure when the run was not started under pg_virtualenv.</summary>
    public static string ServerConnectionString()
    {
        var host = Environment.GetEnvironmentVariable("PGHOST")
            ?? throw new InvalidOperationException("PGHOST is not set: run the PostgreSql tests under pg_virtualenv (./test.sh does).");
        return new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = int.TryParse(Environment.GetEnvironmentVariable("PGPORT"), out var port) ? port : 5432,
            Username = Environment.GetEnvironmentVariable("PGUSER"),
            Password = Environment.GetEnvironmentVariable("PGPASSWORD"),
            Database = Environment.GetEnvironmentVariable("PGDATABASE") ?? "postgres",
        }.ConnectionString;
    }

    protected override IEnumerable<KeyValuePair<string, string?>> DefaultSettings()
    {
        foreach (var setting in base.DefaultSettings())
        {
            if (setting.Key is not "Database:Provider" and not "ConnectionStrings:Default")
            {
                yield return setting;
            }
        }

        yield return new("Database:Provider", "PostgreSql");
        yield return new("ConnectionStrings:Default", ConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class PostgresPortalFixture : IAsyncLifetime
{
    public PostgresPortalFactory Portal { get; } = new();

    public Task InitializeAsync()
    {
        _ = Portal.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}
