using Microsoft.EntityFrameworkCore;

namespace SmsPortal.Infrastructure.Persistence;

/// <summary>
/// For the pipeline's occasional EF Core writes (heartbeats, sweeps, replies): on SQLite they take the same
/// <see cref="SqliteWriteTurn"/> as the batched writers, so none of them meets the lock taken and sleeps in SQLite's
/// busy handler; on PostgreSQL there is nothing to take.
/// </summary>
public sealed class PipelineWriteTurn(SqliteWriteTurn turn)
{
    public async ValueTask<SqliteWriteTurn.Turn> TakeAsync(SmsPortalDbContext db, CancellationToken cancellationToken) =>
        db.Database.IsSqlite() ? await turn.TakeAsync(cancellationToken) : default;
}
