using SmsPortal.Domain.Pushes;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Pushes;

/// <summary>The push outbox's rows as the pipeline's SQLite writers add them, inside their own write transaction.</summary>
internal static class SqlitePushRows
{
    private const string InsertSql =
        "INSERT INTO \"PushOutbox\" (\"AccountId\", \"Kind\", \"MessageId\", \"Url\", \"Body\", \"State\", \"Attempts\", \"DueAtMs\", \"CreatedAtMs\") "
        + "VALUES (@p0, @p1, @p2, @p3, @p4, 0, 0, @p5, @p6) RETURNING \"Id\"";

    private const string UrlSql = "SELECT \"ReceiptPushUrl\" FROM \"Accounts\" WHERE \"Id\" = @p0";

    /// <summary>Writes the row and gives it its id.</summary>
    public static PushOutboxEntry Insert(SqliteBatchConnection.Batch batch, PushOutboxEntry entry)
    {
        entry.Id = (long)batch.Command(InsertSql, entry.AccountId, (int)entry.Kind, entry.MessageId, entry.Url, entry.Body, entry.DueAtMs, entry.CreatedAtMs).ExecuteScalar()!;
        return entry;
    }

    /// <summary>The account's receipt push URL, read once per account per batch.</summary>
    public static string? ReceiptUrl(SqliteBatchConnection.Batch batch, Dictionary<int, string?> known, int accountId)
    {
        if (!known.TryGetValue(accountId, out var url))
        {
            url = batch.Command(UrlSql, accountId).ExecuteScalar() as string;
            known[accountId] = url;
        }

        return url;
    }
}
