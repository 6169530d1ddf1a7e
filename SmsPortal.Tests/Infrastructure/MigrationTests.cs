using Microsoft.EntityFrameworkCore;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Tests.Infrastructure;

/// <summary>A change to the model without a migration for each provider fails here, before it fails an install.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void TheSqliteMigrationsMatchTheModel()
    {
        using var db = new SqliteSmsPortalDbContext(new DbContextOptionsBuilder<SqliteSmsPortalDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes without a SQLite migration: run dotnet ef migrations add for SqliteSmsPortalDbContext.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void ThePostgreSqlMigrationsMatchTheModel()
    {
        using var db = new PostgresSmsPortalDbContext(new DbContextOptionsBuilder<PostgresSmsPortalDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes without a PostgreSQL migration: run dotnet ef migrations add for PostgresSmsPortalDbContext.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void EachProviderHasItsOwnMigrations()
    {
        using var sqlite = new SqliteSmsPortalDbContext(new DbContextOptionsBuilder<SqliteSmsPortalDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgresSmsPortalDbContext(new DbContextOptionsBuilder<PostgresSmsPortalDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);

        Assert.Empty(sqlite.Database.GetMigrations().Intersect(postgres.Database.GetMigrations()));
    }
}
