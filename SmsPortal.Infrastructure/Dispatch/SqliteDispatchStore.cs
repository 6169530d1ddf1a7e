using System.Globalization;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Pushes;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Pushes;

namespace SmsPortal.Infrastructure.Dispatch;

/// <summary>Dispatch's writes on SQLite: prepared statements on a kept connection, in the pipeline's write turn.</summary>
internal sealed class SqliteDispatchStore(SqliteBatchConnection connection, PushOutbox outbox) : IDispatchStore
{
    private static readonly string ClaimSql =
        "UPDATE \"Messages\" SET \"Status\" = 5, \"SubmittedAt\" = @p0, \"DispatchAttempts\" = \"DispatchAttempts\" + 1, \"ClaimedBy\" = @p1 "
        + "WHERE \"Id\" IN (" + FairClaim.WaitingIds(FairClaim.SqliteHint) + ") "
        + "RETURNING \"Id\", \"AccountId\", \"Mobile\", \"Text\", \"TemplateId\", \"Parts\", \"IsVerificationCode\", \"Door\", \"AcceptedAt\", \"DispatchAttempts\", \"Channel\", \"UpstreamStatus\", \"PriceFen\", \"ResellerAccountId\", \"WholesaleFen\"";

    private const string SubmittedSql =
        "UPDATE \"Messages\" SET \"Status\" = 1, \"Channel\" = @p2, \"UpstreamId\" = @p3, \"UpstreamCost\" = @p4, \"UpstreamStatus\" = @p5, \"SubmittedAt\" = @p6, \"ClaimedBy\" = NULL "
        + "WHERE \"Id\" = @p0 AND \"Status\" = 5 AND \"ClaimedBy\" = @p1";

    private const string LaterSql =
        "UPDATE \"Messages\" SET \"Status\" = 0, \"Channel\" = COALESCE(@p2, \"Channel\"), \"UpstreamStatus\" = @p3, \"NextAttemptAt\" = @p4, \"DispatchAttempts\" = \"DispatchAttempts\" - @p5, \"ClaimedBy\" = NULL "
        + "WHERE \"Id\" = @p0 AND \"Status\" = 5 AND \"ClaimedBy\" = @p1";

    private const string FailedSql =
        "UPDATE \"Messages\" SET \"Status\" = 3, \"Channel\" = COALESCE(@p2, \"Channel\"), \"UpstreamStatus\" = @p3, \"DoneAt\" = @p4, \"ClaimedBy\" = NULL "
        + "WHERE \"Id\" = @p0 AND \"Status\" = 5 AND \"ClaimedBy\" = @p1";

    public Task<IReadOnlyList<Message>> ClaimAsync(string holder, int max, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.WriteAsync<IReadOnlyList<Message>>(
            batch =>
            {
                var claimed = new List<Message>();
                using var reader = batch.Command(ClaimSql, SqliteValues.Time(now), holder, max).ExecuteReader();
                while (reader.Read())
                {
                    claimed.Add(new Message
                    {
                        Id = reader.GetInt64(0),
                        AccountId = reader.GetInt32(1),
                        Mobile = reader.GetString(2),
                        Text = reader.GetString(3),
                        TemplateId = reader.IsDBNull(4) ? null : reader.GetInt32(4),
                        Parts = reader.GetInt32(5),
                        IsVerificationCode = reader.GetBoolean(6),
                        Door = (SubmissionDoor)reader.GetInt32(7),
                        AcceptedAt = SqliteValues.Time(reader.GetInt64(8)),
                        DispatchAttempts = reader.GetInt32(9),
                        Channel = reader.IsDBNull(10) ? null : reader.GetString(10),
                        UpstreamStatus = reader.IsDBNull(11) ? null : reader.GetString(11),
                        PriceFen = reader.IsDBNull(12) ? null : reader.GetInt64(12),
                        ResellerAccountId = reader.IsDBNull(13) ? null : reader.GetInt32(13),
                        WholesaleFen = reader.IsDBNull(14) ? null : reader.GetInt64(14),
                        Status = MessageStatus.Dispatching,
                        SubmittedAt = now,
                        ClaimedBy = holder,
                    });
                }

                claimed.Sort((a, b) => a.Id.CompareTo(b.Id));
                return claimed;
            },
            cancellationToken);

    public Task<IReadOnlyList<PushOutboxEntry>> StoreAsync(IReadOnlyList<ChannelResult> results, CancellationToken cancellationToken) =>
        connection.WriteAsync<IReadOnlyList<PushOutboxEntry>>(
            batch =>
            {
                List<PushOutboxEntry>? pushes = null;
                Dictionary<(int, LedgerCurrency), long>? balances = null;
                Dictionary<int, string?>? urls = null;
                foreach (var r in results)
                {
                    var m = r.Message;
                    var raw = Truncate(r.Raw);
                    switch (r.Status)
                    {
                        case MessageStatus.Submitted:
                            batch.Execute(SubmittedSql, m.Id, m.ClaimedBy, r.Channel, r.UpstreamId, r.Cost?.ToString(CultureInfo.InvariantCulture), raw, SqliteValues.Time(r.At));
                            break;
                        case MessageStatus.Accepted:
                            batch.Execute(LaterSql, m.Id, m.ClaimedBy, r.Channel, raw, r.NextAttemptAt is { } next ? SqliteValues.Time(next) : null, r.CountsAsAttempt ? 0 : 1);
                            break;
                        default:
                            if (batch.Execute(FailedSql, m.Id, m.ClaimedBy, r.Channel, raw, SqliteValues.Time(r.At)) == 1)
                            {
                                foreach (var line in Settlements.Refused(m))
                                {
                                    CreditLedger.SqliteAppend(batch, balances ??= [], line, r.At);
                                }

                                if (SqlitePushRows.ReceiptUrl(batch, urls ??= [], m.AccountId) is { } url && PushOutbox.IsPushableUrl(url))
                                {
                                    (pushes ??= []).Add(SqlitePushRows.Insert(batch, PushBodies.Entry(m.AccountId, PushKind.Receipt, m.Id, url, PushBodies.Receipt(MessageStatus.Failed, m.Mobile, m.SmsId, r.At), r.At, outbox.Lease)));
                                }
                            }

                            break;
                    }
                }

                return (IReadOnlyList<PushOutboxEntry>?)pushes ?? [];
            },
            cancellationToken);

    public void Dispose() => connection.Dispose();

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500];
}
