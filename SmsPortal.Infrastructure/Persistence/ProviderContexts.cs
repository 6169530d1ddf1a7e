using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SmsPortal.Infrastructure.Persistence;

/// <summary>The model on SQLite, the embedded default.</summary>
public sealed class SqliteSmsPortalDbContext(DbContextOptions<SqliteSmsPortalDbContext> options) : SmsPortalDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text: store it as a number.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The model on PostgreSQL, for installs that run several nodes.</summary>
public sealed class PostgresSmsPortalDbContext(DbContextOptions<PostgresSmsPortalDbContext> options) : SmsPortalDbContext(options);

/// <summary>Lets `dotnet ef migrations add … --context SqliteSmsPortalDbContext` build the model without the web host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSmsPortalDbContext>
{
    public SqliteSmsPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSmsPortalDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSmsPortalDbContext>
{
    public PostgresSmsPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSmsPortalDbContext>().UseNpgsql("Host=localhost;Database=smsportal").Options);
}
