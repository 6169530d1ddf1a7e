using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Pushes;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Pushes;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>Receipts and expiry on SQLite: prepared statements on a kept connection, in the pipeline's write turn.</summary>
internal sealed class SqliteReceiptStore(SqliteBatchConnection connection, PushOutbox outbox) : IReceiptStore
{
    private const string FindSql =
        "SELECT \"Id\", \"AccountId\", \"Status\", \"Parts\", \"Mobile\", \"AcceptedAt\", \"PriceFen\", \"ResellerAccountId\", \"WholesaleFen\" FROM \"Messages\" WHERE \"Channel\" = @p0 AND \"UpstreamId\" = @p1 ORDER BY \"Id\" DESC LIMIT 1";

    private const string FinishSql = "UPDATE \"Messages\" SET \"Status\" = @p1, \"DoneAt\" = @p2, \"UpstreamStatus\" = @p3 WHERE \"Id\" = @p0";

    private const string DueNoReceiptSql =
        "SELECT \"Id\", \"AccountId\", \"Parts\", \"Mobile\", \"AcceptedAt\", \"UpstreamStatus\", \"PriceFen\", \"ResellerAccountId\", \"WholesaleFen\" FROM \"Messages\" WHERE \"Status\" = 1 AND \"SubmittedAt\" < @p0 ORDER BY \"Id\" LIMIT @p1";

    private const string DueNotSentSql =
        "SELECT \"Id\", \"AccountId\", \"Parts\", \"Mobile\", \"AcceptedAt\", \"UpstreamStatus\", \"PriceFen\", \"ResellerAccountId\", \"WholesaleFen\" FROM \"Messages\" WHERE \"Status\" = 0 AND \"AcceptedAt\" < @p0 ORDER BY \"Id\" LIMIT @p1";

    private const string ExpireSql = "UPDATE \"Messages\" SET \"Status\" = 4, \"DoneAt\" = @p1, \"UpstreamStatus\" = @p2, \"SubmittedAt\" = CASE WHEN \"Status\" = 0 THEN NULL ELSE \"SubmittedAt\" END WHERE \"Id\" = @p0";

    public Task<FinishBatch> ApplyAsync(IReadOnlyList<ReceiptToApply> receipts, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.WriteAsync(
            batch =>
            {
                var writer = new Writer(batch, outbox, now);
                var unmatched = new HashSet<int>();
                for (var i = 0; i < receipts.Count; i++)
                {
                    var receipt = receipts[i];
                    Row row;
                    using (var reader = batch.Command(FindSql, receipt.Channel, receipt.UpstreamId).ExecuteReader())
                    {
                        if (!reader.Read())
                        {
                            unmatched.Add(i);
                            continue;
                        }

                        row = new Row(reader.GetInt64(0), reader.GetInt32(1), (MessageStatus)reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4), SqliteValues.Time(reader.GetInt64(5)), null, reader.IsDBNull(6) ? null : reader.GetInt64(6),
                            reader.IsDBNull(7) ? null : reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetInt64(8));
                    }

                    if (row.Status is MessageStatus.Delivered or MessageStatus.Failed or MessageStatus.Expired)
                    {
                        continue; // the same receipt again: already settled
                    }

                    var status = receipt.Delivered ? MessageStatus.Delivered : MessageStatus.Failed;
                    batch.Execute(FinishSql, row.Id, (int)status, SqliteValues.Time(now), Settlements.Truncate(receipt.Raw));
                    writer.Finished(row, status);
                }

                return writer.Result(unmatched);
            },
            cancellationToken);

    public Task<FinishBatch> ExpireAsync(ExpiryKind kind, DateTimeOffset before, int expireAfterHours, int max, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.WriteAsync(
            batch =>
            {
                // Inside the write transaction: dispatch cannot claim an Accepted message between this read and the update.
                var due = new List<Row>();
                using (var reader = batch.Command(kind == ExpiryKind.NoReceipt ? DueNoReceiptSql : DueNotSentSql, SqliteValues.Time(before), max).ExecuteReader())
                {
                    while (reader.Read())
                    {
                        due.Add(new Row(reader.GetInt64(0), reader.GetInt32(1), MessageStatus.Expired, reader.GetInt32(2), reader.GetString(3), SqliteValues.Time(reader.GetInt64(4)), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetInt64(6),
                            reader.IsDBNull(7) ? null : reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetInt64(8)));
                    }
                }

                var writer = new Writer(batch, outbox, now);
                foreach (var row in due)
                {
                    batch.Execute(ExpireSql, row.Id, SqliteValues.Time(now), Settlements.ExpiryRaw(kind, expireAfterHours, row.UpstreamStatus));
                    writer.Finished(row, MessageStatus.Expired);
                }

                return writer.Result(new HashSet<int>());
            },
            cancellationToken);

    public void Dispose() => connection.Dispose();

    private readonly record struct Row(long Id, int AccountId, MessageStatus Status, int Parts, string Mobile, DateTimeOffset AcceptedAt, string? UpstreamStatus, long? PriceFen, int? ResellerAccountId, long? WholesaleFen)
    {
        public string SmsId => Message.FormatSmsId(AcceptedAt, Id);
    }

    /// <summary>The settlement and the receipt push of each message a batch finishes.</summary>
    private sealed class Writer(SqliteBatchConnection.Batch batch, PushOutbox outbox, DateTimeOffset now)
    {
        private readonly Dictionary<(int, LedgerCurrency), long> _balances = [];
        private readonly Dictionary<int, string?> _urls = [];
        private readonly List<FinishedMessage> _finished = [];
        private readonly List<PushOutboxEntry> _pushes = [];

        public void Finished(Row row, MessageStatus status)
        {
            foreach (var line in Settlements.Final(row.AccountId, status, row.Parts, row.SmsId, row.PriceFen, row.ResellerAccountId, row.WholesaleFen))
            {
                CreditLedger.SqliteAppend(batch, _balances, line, now);
            }

            if (SqlitePushRows.ReceiptUrl(batch, _urls, row.AccountId) is { } url && PushOutbox.IsPushableUrl(url))
            {
                _pushes.Add(SqlitePushRows.Insert(batch, PushBodies.Entry(row.AccountId, PushKind.Receipt, row.Id, url, PushBodies.Receipt(status, row.Mobile, row.SmsId, now), now, outbox.Lease)));
            }

            _finished.Add(new FinishedMessage(row.AccountId, row.Id, status, row.AcceptedAt));
        }

        public FinishBatch Result(HashSet<int> unmatched) => new(_finished, unmatched, _pushes);
    }
}
