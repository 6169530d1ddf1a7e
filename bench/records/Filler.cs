using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Bench.Records;

/// <summary>
/// Fills a SmsPortal database (schema from the real migrations, made by the host's start) with accounts, templates and
/// messages over a number of days: one account with a tenth of the traffic (the big customer an export of a million rows
/// belongs to), the rest on a long tail; daytime-heavy hours; a realistic mix of statuses, templates, signatures,
/// carriers, channels, doors and parts. SQLite: prepared inserts, one transaction per 200,000 rows. PostgreSQL: binary COPY.
/// </summary>
internal sealed class Filler(IDbContextFactory<SmsPortalDbContext> contexts, bool postgres, string connectionString)
{
    private static readonly string[] MobilePrefixes = ["134", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "182", "183", "187", "188", "198",
        "130", "131", "132", "155", "156", "185", "186", "166", "133", "153", "180", "181", "189", "199", "177"];

    // International destinations (3 % of the traffic): calling code and price per part in fen.
    private static readonly (string Country, long FenPerPart)[] Abroad = [("852", 35), ("65", 42), ("1", 28), ("44", 39), ("81", 51)];

    private static readonly string[] TemplateTexts =
    [
        "您的验证码是【code】，5分钟内有效，请勿泄露。",
        "您的订单【order】已发货，快递单号【waybill】，请注意查收。",
        "会员日全场8折，仅限本周末，详情见App。回T退订",
        "尊敬的客户，您本月账单为【amount】元，请于【date】前缴清。",
    ];

    public async Task<FillResult> FillAsync(long messages, int accounts, int days, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var (accountIds, templates) = await CreateAccountsAsync(accounts, cancellationToken);
        var weights = new double[accounts];
        weights[0] = 0.10 * accounts; // the big customer: a tenth of all messages
        var tail = Enumerable.Range(1, accounts - 1).Sum(i => 1.0 / (i + 5));
        for (var i = 1; i < accounts; i++)
        {
            weights[i] = 0.90 * accounts * (1.0 / (i + 5)) / tail;
        }

        var cumulative = new double[accounts];
        var sum = 0.0;
        for (var i = 0; i < accounts; i++)
        {
            sum += weights[i];
            cumulative[i] = sum;
        }

        // The times, sorted, so that ids grow with time as they do in a running portal.
        var now = DateTimeOffset.UtcNow;
        var start = now.AddDays(-days);
        var hourWeights = new[] { 1, 0.5, 0.3, 0.3, 0.3, 0.5, 1.5, 3, 6, 8, 9, 9, 8, 8, 9, 9, 8, 7, 6, 6, 5, 4, 3, 2 };
        var hourCumulative = new double[24];
        var hourSum = 0.0;
        for (var h = 0; h < 24; h++)
        {
            hourSum += hourWeights[h];
            hourCumulative[h] = hourSum;
        }

        var watch = Stopwatch.StartNew();
        var times = new long[messages];
        var china = TimeSpan.FromHours(8);
        var firstDay = start.ToOffset(china).Date;
        var spanTicks = (now - start).Ticks;
        for (long k = 0; k < messages; k++)
        {
            long ticks;
            do
            {
                var day = firstDay.AddDays(random.Next(days + 1));
                var hour = Array.BinarySearch(hourCumulative, random.NextDouble() * hourSum);
                hour = hour < 0 ? ~hour : hour;
                var local = new DateTimeOffset(day, china).AddHours(Math.Min(hour, 23)).AddTicks((long)(random.NextDouble() * TimeSpan.TicksPerHour));
                ticks = (local - start).Ticks;
            }
            while (ticks < 0 || ticks >= spanTicks);

            times[k] = ticks;
        }

        Array.Sort(times);
        Console.Error.WriteLine($"times: {watch.Elapsed.TotalSeconds:F1} s");

        var row = new Message { Mobile = "", Text = "" }; // one message, reused for every row
        var writer = postgres ? (IRowSink)new PostgresSink(connectionString) : new SqliteSink(connectionString);
        await writer.OpenAsync(cancellationToken);
        long upstream = 0;
        for (long k = 0; k < messages; k++)
        {
            var accountIndex = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            accountIndex = accountIndex < 0 ? Math.Min(~accountIndex, accounts - 1) : accountIndex;
            var accepted = start.AddTicks(times[k]);
            Make(row, random, accountIds[accountIndex], templates[accountIndex], accountIndex, accepted, now, ref upstream);
            await writer.WriteAsync(row, cancellationToken);
            if ((k + 1) % 1_000_000 == 0)
            {
                Console.Error.WriteLine($"{k + 1:N0} messages, {watch.Elapsed.TotalSeconds:F0} s");
            }
        }

        await writer.CloseAsync(cancellationToken);
        return new FillResult(messages, accounts, days, watch.Elapsed, accountIds[0], accountIds[accounts / 2]);
    }

    private static void Make(Message row, Random random, int accountId, int[] templateIds, int accountIndex, DateTimeOffset accepted, DateTimeOffset now, ref long upstream)
    {
        row.AccountId = accountId;
        var abroad = random.NextDouble() < 0.03;
        var prefix = MobilePrefixes[random.Next(MobilePrefixes.Length)];
        var (country, fenPerPart) = Abroad[random.Next(Abroad.Length)];
        row.Mobile = abroad
            ? country + " 9" + random.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture)
            : prefix + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
        row.Country = abroad ? country : null;
        var signature = random.NextDouble() < 0.7 ? $"【商户{accountIndex}】" : $"【品牌{accountIndex}】";
        var pick = random.Next(10);
        int? template = pick < 8 ? templateIds[pick % templateIds.Length] : null;
        var kind = template is null ? 3 : pick % templateIds.Length;
        row.TemplateId = template;
        row.IsVerificationCode = kind == 0;
        row.Text = signature + kind switch
        {
            0 => $"您的验证码是{random.Next(100000, 999999)}，5分钟内有效，请勿泄露。",
            1 => $"您的订单{random.Next(10_000_000, 99_999_999)}已发货，快递单号SF{random.NextInt64(1_000_000_000, 9_999_999_999)}，请注意查收。",
            2 => "会员日全场8折，仅限本周末，详情见App。回T退订",
            _ => $"您好，您预约的服务已确认，编号{random.Next(1000, 9999)}，如有疑问请致电客服。" + (random.NextDouble() < 0.2 ? "本次服务包含上门安装、调试及一年免费保修，届时工程师将提前一小时电话联系您，请保持电话畅通，感谢您的支持与信任。" : ""),
        };
        row.Parts = row.Text.Length <= 70 ? 1 : (row.Text.Length + 66) / 67;
        row.PriceFen = abroad ? fenPerPart * row.Parts : null; // international messages are charged in money (issue 16)
        row.Door = random.Next(20) switch
        {
            < 10 => SubmissionDoor.VendorApi,
            < 15 => SubmissionDoor.RestApi,
            < 18 => SubmissionDoor.Smpp,
            _ => SubmissionDoor.Console,
        };
        row.AcceptedAt = accepted;
        var age = now - accepted;
        var roll = random.NextDouble();
        row.Status = age < TimeSpan.FromMinutes(2) ? (roll < 0.5 ? MessageStatus.Accepted : MessageStatus.Submitted)
            : age < TimeSpan.FromHours(72) && roll < 0.02 ? MessageStatus.Submitted // receipts that have not come (yet)
            : roll < 0.93 ? MessageStatus.Delivered
            : roll < 0.98 ? MessageStatus.Failed
            : MessageStatus.Expired;
        var sent = row.Status != MessageStatus.Accepted;
        row.Channel = !sent ? null : abroad ? "intl-http" : prefix is "133" or "153" or "180" or "181" or "189" or "199" or "177" ? "telecom-http"
            : prefix is "130" or "131" or "132" or "155" or "156" or "185" or "186" or "166" ? "unicom-smpp" : "cmcc-smpp";
        row.SubmittedAt = sent ? accepted.AddMilliseconds(150 + random.Next(400)) : null;
        row.UpstreamId = sent ? (++upstream).ToString("x12", CultureInfo.InvariantCulture) : null;
        row.DoneAt = row.Status switch
        {
            MessageStatus.Delivered or MessageStatus.Failed => accepted.AddSeconds(3 + random.Next(60)),
            MessageStatus.Expired => accepted.AddHours(72),
            _ => null,
        };
        row.UpstreamStatus = row.Status switch
        {
            MessageStatus.Delivered => "DELIVRD",
            MessageStatus.Failed => random.Next(3) switch { 0 => "UNDELIV err:034", 1 => "MK:0001", _ => "REJECTD err:045" },
            MessageStatus.Expired => "no receipt within 72 h",
            _ => null,
        };
        row.DispatchAttempts = sent ? 1 : 0;
    }

    private async Task<(int[] Ids, int[][] Templates)> CreateAccountsAsync(int accounts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var created = DateTimeOffset.UtcNow.AddDays(-400);
        var list = Enumerable.Range(0, accounts).Select(i => new Account
        {
            Name = $"Bench customer {i}",
            ApiId = $"BENCH{i:D5}",
            IsVerified = true,
            CreatedAt = created,
        }).ToList();
        db.Accounts.AddRange(list);
        await db.SaveChangesAsync(cancellationToken);
        var templates = list.Select(a => TemplateTexts.Select((text, k) => new MessageTemplate
        {
            AccountId = a.Id,
            Name = $"T{k}",
            Kind = k == 0 ? TemplateKind.VerificationCode : k == 2 ? TemplateKind.Marketing : TemplateKind.Notification,
            Text = text,
            State = ReviewState.Approved,
            CreatedAt = created,
        }).ToArray()).ToArray();
        db.MessageTemplates.AddRange(templates.SelectMany(t => t));
        await db.SaveChangesAsync(cancellationToken);
        return (list.Select(a => a.Id).ToArray(), templates.Select(t => t.Select(x => x.Id).ToArray()).ToArray());
    }

    private interface IRowSink
    {
        Task OpenAsync(CancellationToken cancellationToken);

        ValueTask WriteAsync(Message row, CancellationToken cancellationToken);

        Task CloseAsync(CancellationToken cancellationToken);
    }

    private sealed class SqliteSink(string connectionString) : IRowSink
    {
        private const int Chunk = 200_000;
        private static readonly DateTimeOffsetToBinaryConverter Time = new(); // the SQLite model's converter
        private readonly SqliteConnection connection = new(connectionString);
        private SqliteTransaction? transaction;
        private SqliteCommand? insert;
        private int inChunk;

        public async Task OpenAsync(CancellationToken cancellationToken)
        {
            await connection.OpenAsync(cancellationToken);
            await using (var pragma = connection.CreateCommand())
            {
                // A bulk load, not the portal's durability: no fsync per chunk, a large page cache for the indexes.
                pragma.CommandText = "PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            Begin();
        }

        public async ValueTask WriteAsync(Message row, CancellationToken cancellationToken)
        {
            var p = insert!.Parameters;
            p[0].Value = row.AccountId;
            p[1].Value = row.Mobile;
            p[2].Value = row.Text;
            p[3].Value = (object?)row.TemplateId ?? DBNull.Value;
            p[4].Value = row.Parts;
            p[5].Value = row.IsVerificationCode;
            p[6].Value = (int)row.Status;
            p[7].Value = (int)row.Door;
            p[8].Value = Stored(row.AcceptedAt);
            p[9].Value = row.SubmittedAt is { } s ? Stored(s) : DBNull.Value;
            p[10].Value = row.DoneAt is { } d ? Stored(d) : DBNull.Value;
            p[11].Value = (object?)row.Channel ?? DBNull.Value;
            p[12].Value = (object?)row.UpstreamId ?? DBNull.Value;
            p[13].Value = (object?)row.UpstreamStatus ?? DBNull.Value;
            p[14].Value = row.DispatchAttempts;
            p[15].Value = (object?)row.Country ?? DBNull.Value;
            p[16].Value = (object?)row.PriceFen ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync(cancellationToken);
            if (++inChunk == Chunk)
            {
                await transaction!.CommitAsync(cancellationToken);
                Begin();
            }
        }

        public async Task CloseAsync(CancellationToken cancellationToken)
        {
            await transaction!.CommitAsync(cancellationToken);
            await using (var analyze = connection.CreateCommand())
            {
                analyze.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;";
                await analyze.ExecuteNonQueryAsync(cancellationToken);
            }

            await connection.DisposeAsync();
        }

        private static long Stored(DateTimeOffset time) => (long)Time.ConvertToProvider(time)!;

        private void Begin()
        {
            transaction = connection.BeginTransaction();
            insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO "Messages" ("AccountId", "Mobile", "Text", "TemplateId", "Parts", "IsVerificationCode", "Status", "Door", "AcceptedAt", "SubmittedAt", "DoneAt", "Channel", "UpstreamId", "UpstreamStatus", "DispatchAttempts", "Country", "PriceFen")
                VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13, $p14, $p15, $p16)
                """;
            for (var i = 0; i < 17; i++)
            {
                insert.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null));
            }

            insert.Prepare();
            inChunk = 0;
        }
    }

    private sealed class PostgresSink(string connectionString) : IRowSink
    {
        private readonly NpgsqlConnection connection = new(connectionString);
        private NpgsqlBinaryImporter? importer;

        public async Task OpenAsync(CancellationToken cancellationToken)
        {
            await connection.OpenAsync(cancellationToken);
            importer = await connection.BeginBinaryImportAsync("""
                COPY "Messages" ("AccountId", "Mobile", "Text", "TemplateId", "Parts", "IsVerificationCode", "Status", "Door", "AcceptedAt", "SubmittedAt", "DoneAt", "Channel", "UpstreamId", "UpstreamStatus", "DispatchAttempts", "Country", "PriceFen") FROM STDIN (FORMAT BINARY)
                """, cancellationToken);
        }

        public async ValueTask WriteAsync(Message row, CancellationToken cancellationToken)
        {
            var i = importer!;
            await i.StartRowAsync(cancellationToken);
            await i.WriteAsync(row.AccountId, NpgsqlDbType.Integer, cancellationToken);
            await i.WriteAsync(row.Mobile, NpgsqlDbType.Varchar, cancellationToken);
            await i.WriteAsync(row.Text, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullable(i, row.TemplateId, NpgsqlDbType.Integer, cancellationToken);
            await i.WriteAsync(row.Parts, NpgsqlDbType.Integer, cancellationToken);
            await i.WriteAsync(row.IsVerificationCode, NpgsqlDbType.Boolean, cancellationToken);
            await i.WriteAsync((int)row.Status, NpgsqlDbType.Integer, cancellationToken);
            await i.WriteAsync((int)row.Door, NpgsqlDbType.Integer, cancellationToken);
            await i.WriteAsync(row.AcceptedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullable(i, row.SubmittedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullable(i, row.DoneAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullable(i, row.Channel, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullable(i, row.UpstreamId, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullable(i, row.UpstreamStatus, NpgsqlDbType.Varchar, cancellationToken);
            await i.WriteAsync(row.DispatchAttempts, NpgsqlDbType.Integer, cancellationToken);
            await WriteNullable(i, row.Country, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullable(i, row.PriceFen, NpgsqlDbType.Bigint, cancellationToken);
        }

        public async Task CloseAsync(CancellationToken cancellationToken)
        {
            await importer!.CompleteAsync(cancellationToken);
            await importer.DisposeAsync();
            await using (var analyze = new NpgsqlCommand("ANALYZE \"Messages\"", connection))
            {
                analyze.CommandTimeout = 0;
                await analyze.ExecuteNonQueryAsync(cancellationToken);
            }

            await connection.DisposeAsync();
        }

        private static async Task WriteNullable<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        {
            if (value is null)
            {
                await importer.WriteNullAsync(cancellationToken);
            }
            else
            {
                await importer.WriteAsync(value, type, cancellationToken);
            }
        }
    }
}
