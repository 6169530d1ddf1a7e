using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Pushes;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>The stores of the path after acceptance, by provider: hand-written on SQLite, EF Core on PostgreSQL.</summary>
internal static class PipelineStores
{
    /// <summary>A kept connection of its own for one SQLite writer; null on PostgreSQL.</summary>
    public static SqliteBatchConnection? SqliteConnection(IServiceProvider services, DatabaseProvider provider, bool urgent = false)
    {
        if (provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        using var db = services.GetRequiredService<IDbContextFactory<SmsPortalDbContext>>().CreateDbContext();
        return new SqliteBatchConnection(db.Database.GetConnectionString()!, services.GetRequiredService<SqliteConnectionSetup>(), services.GetRequiredService<SqliteWriteTurn>(), urgent);
    }

    public static IDispatchStore Dispatch(IServiceProvider services, DatabaseProvider provider) =>
        SqliteConnection(services, provider, urgent: true) is { } connection
            ? new SqliteDispatchStore(connection, services.GetRequiredService<PushOutbox>())
            : new EfDispatchStore(services.GetRequiredService<IDbContextFactory<SmsPortalDbContext>>(), services.GetRequiredService<CreditLedger>(), services.GetRequiredService<PushOutbox>());

    public static IReceiptStore Receipts(IServiceProvider services, DatabaseProvider provider) =>
        SqliteConnection(services, provider) is { } connection
            ? new SqliteReceiptStore(connection, services.GetRequiredService<PushOutbox>())
            : new EfReceiptStore(services.GetRequiredService<IDbContextFactory<SmsPortalDbContext>>(), services.GetRequiredService<CreditLedger>(), services.GetRequiredService<PushOutbox>());
}
