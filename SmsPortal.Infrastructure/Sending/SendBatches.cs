using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.International;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>
/// Batch and scheduled sends (decision 0036): creating one (checked whole first: numbers, time, the message, so that a
/// bad one is refused and nothing is stored), its owner's pause, resume and cancel, and its progress. The sending is
/// the <see cref="SendBatchPump"/>'s, through the one submission service.
/// </summary>
public sealed class SendBatches(
    IDbContextFactory<SmsPortalDbContext> contexts,
    SubmissionService submissions,
    InternationalPrices prices,
    PipelineWriteTurn turn,
    SendBatchSignal signal,
    IOptions<SendBatchOptions> options,
    TimeProvider clock)
{
    public int MaxNumbers => options.Value.MaxNumbers;

    /// <summary>
    /// The vendor's <c>stime</c>: <c>yyyy-MM-dd HH:mm:ss</c> (or without seconds) in the vendor's local time
    /// (Batches:VendorTimeOffsetHours, Beijing by default), or a 10-digit Unix time as the vendor's <c>time</c> is written.
    /// </summary>
    public (DateTimeOffset? At, ResultCode? Refused) ParseVendorTime(string? text)
    {
        var value = (text ?? "").Trim();
        if (value.Length == 10 && value.All(char.IsAsciiDigit))
        {
            return (DateTimeOffset.FromUnixTimeSeconds(long.Parse(value, CultureInfo.InvariantCulture)), null);
        }

        var offset = TimeSpan.FromHours(options.Value.VendorTimeOffsetHours);
        return DateTime.TryParseExact(value, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? (new DateTimeOffset(local, offset).ToUniversalTime(), null)
            : (null, ResultCode.ScheduleTimeInvalid);
    }

    /// <summary>4091 for a time in the past (beyond a small tolerance) or further ahead than Batches:MaxScheduleDays; null when it may be used.</summary>
    public ResultCode? CheckScheduledAt(DateTimeOffset at)
    {
        var now = clock.GetUtcNow();
        return at < now.AddSeconds(-options.Value.PastToleranceSeconds) || at > now.AddDays(options.Value.MaxScheduleDays)
            ? ResultCode.ScheduleTimeOutOfRange
            : null;
    }

    /// <summary>
    /// Checks the whole batch before anything is stored: the account, the time, every number (406 names the first bad one),
    /// the count, and the message by the same rules as a send (<see cref="SubmissionService.ComposeAsync"/>). Duplicates
    /// are sent once. Then the batch and its numbers are written in one transaction.
    /// </summary>
    public async Task<SendBatchCreation> CreateAsync(SendingProfile profile, NewSendBatch request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(request);
        if (profile.Status == AccountStatus.Frozen)
        {
            return new(ResultCode.AccountFrozen);
        }

        if (request.ScheduledAt is { } requested && CheckScheduledAt(requested) is { } badTime)
        {
            return new(badTime, Detail: requested.ToString("O", CultureInfo.InvariantCulture));
        }

        if (request.Mobiles is null || request.Mobiles.Count == 0)
        {
            return new(ResultCode.MobileMissing);
        }

        var numbers = new List<string>(request.Mobiles.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Mobiles.Count; i++)
        {
            var parsed = MobileNumber.Parse(request.Mobiles[i]);
            if (!parsed.IsAccepted)
            {
                return new(parsed.Rejection!.Code, Detail: $"number {i + 1}: {request.Mobiles[i]}");
            }

            if (seen.Add(parsed.Value!.Value))
            {
                numbers.Add(parsed.Value.Value);
            }
        }

        if (numbers.Count > options.Value.MaxNumbers)
        {
            return new(ResultCode.Failed, Detail: $"at most {options.Value.MaxNumbers} numbers in one batch");
        }

        if ((request.Content ?? "").Length > SendBatch.ContentMaxLength)
        {
            return new(ResultCode.ContentTooLong);
        }

        var (refused, composed) = await submissions.ComposeAsync(profile, request.Content, request.TemplateIdText, cancellationToken);
        if (refused is not null)
        {
            return SendBatchCreation.From(refused);
        }

        // The batch's preview is the text its first destination gets: the mainland's when it has mainland numbers.
        var text = submissions.TextFor(composed!, numbers.Any(IsMainland) ? CountryCallingCodes.Mainland : CountryOf(numbers[0]));

        var now = clock.GetUtcNow();
        var batch = new SendBatch
        {
            AccountId = profile.AccountId,
            Door = request.Door,
            CreatedByUserId = request.CreatedByUserId,
            CreatedBy = request.CreatedBy.Length > 256 ? request.CreatedBy[..256] : request.CreatedBy,
            Content = request.Content ?? "",
            TemplateId = string.IsNullOrEmpty(request.TemplateIdText) ? null : int.Parse(request.TemplateIdText, NumberStyles.None, CultureInfo.InvariantCulture),
            Preview = text,
            Parts = SegmentCounter.Count(text).Parts,
            Total = numbers.Count,
            State = SendBatchState.Scheduled,
            ScheduledAt = (request.ScheduledAt ?? now).ToUniversalTime(),
            CreatedAt = now,
        };

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            using var _ = await turn.TakeAsync(db, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.SendBatches.Add(batch);
            await db.SaveChangesAsync(cancellationToken);
            await InsertNumbersAsync(db, batch.Id, numbers, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        signal.Wake();
        return new(ResultCode.Accepted, batch.Id);
    }

    /// <summary>
    /// What sending <paramref name="message"/> to <paramref name="numbers"/> (the vendor's form, as a number list holds them)
    /// will cost: by country and price, each with the text it gets there (<see cref="SubmissionService.TextFor"/>) and its
    /// parts. Numbers abroad are priced by the account's price list in one read, and the money balance read; a send to
    /// the mainland alone reads nothing.
    /// </summary>
    public async Task<SendQuote> QuoteAsync(int accountId, ComposedMessage message, IReadOnlyList<string> numbers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(numbers);
        var destinations = new List<DestinationQuote>();
        var mainland = numbers.Count(IsMainland);
        if (mainland > 0)
        {
            var text = submissions.TextFor(message, CountryCallingCodes.Mainland);
            destinations.Add(new DestinationQuote(CountryCallingCodes.Mainland, mainland, text, SegmentCounter.Count(text), null));
        }

        if (mainland == numbers.Count)
        {
            return new SendQuote(destinations, 0);
        }

        var abroad = numbers.Where(n => !IsMainland(n)).Select(n => MobileNumber.Parse(n).Value).OfType<MobileNumber>().ToList();
        var quotes = await prices.QuoteAllAsync(accountId, abroad, cancellationToken);
        foreach (var group in abroad.Zip(quotes).GroupBy(q => (q.First.CountryCode, q.Second?.PriceFen)).OrderBy(g => g.Key.CountryCode, StringComparer.Ordinal).ThenBy(g => g.Key.PriceFen))
        {
            var text = submissions.TextFor(message, group.Key.CountryCode);
            destinations.Add(new DestinationQuote(group.Key.CountryCode, group.Count(), text, SegmentCounter.Count(text), group.Key.PriceFen));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var money = (await CreditLedger.BalancesAsync(db, [accountId], LedgerCurrency.Cny, cancellationToken))[accountId];
        return new SendQuote(destinations, money);
    }

    /// <summary>A number in the vendor's form is the mainland's when it has no country code in front ("852 91234567" has).</summary>
    private static bool IsMainland(string number) => !number.Contains(' ', StringComparison.Ordinal);

    private static string CountryOf(string number) => IsMainland(number) ? CountryCallingCodes.Mainland : number[..number.IndexOf(' ', StringComparison.Ordinal)];

    /// <summary>Stops the batch after the chunk in progress. False when it is not the account's, or already stopped or done.</summary>
    public Task<bool> PauseAsync(int accountId, int batchId, CancellationToken cancellationToken) =>
        MoveAsync(accountId, batchId, b => b.State == SendBatchState.Scheduled || b.State == SendBatchState.Running, SendBatchState.Paused, cancellationToken);

    /// <summary>Lets a paused batch go on: waiting for its time if that has not come, otherwise at once.</summary>
    public async Task<bool> ResumeAsync(int accountId, int batchId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var _ = await turn.TakeAsync(db, cancellationToken);
        var moved = await db.SendBatches
            .Where(b => b.Id == batchId && b.AccountId == accountId && b.State == SendBatchState.Paused)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.State, b => b.StartedAt == null ? SendBatchState.Scheduled : SendBatchState.Running).SetProperty(b => b.HeldBy, (string?)null), cancellationToken) == 1;
        if (moved)
        {
            signal.Wake();
        }

        return moved;
    }

    /// <summary>Stops the batch for good: the numbers accepted stay accepted (and charged), the rest are never sent.</summary>
    public Task<bool> CancelAsync(int accountId, int batchId, CancellationToken cancellationToken) =>
        MoveAsync(accountId, batchId, b => b.State == SendBatchState.Scheduled || b.State == SendBatchState.Running || b.State == SendBatchState.Paused, SendBatchState.Cancelled, cancellationToken);

    /// <summary>A page of the account's batches, newest first, with their progress.</summary>
    public async Task<(IReadOnlyList<SendBatchRow> Rows, int Total)> PageAsync(int accountId, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.SendBatches.AsNoTracking().Where(b => b.AccountId == accountId);
        var total = await query.CountAsync(cancellationToken);
        var batches = await query.OrderByDescending(b => b.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        var progress = await ProgressAsync(db, batches.Select(b => b.Id).ToArray(), cancellationToken);
        return (batches.ConvertAll(b => Row(b, progress.GetValueOrDefault(b.Id, SendBatchProgress.None))), total);
    }

    /// <summary>One of the account's batches, or null.</summary>
    public async Task<SendBatchRow?> FindAsync(int accountId, int batchId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var batch = await db.SendBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId && b.AccountId == accountId, cancellationToken);
        if (batch is null)
        {
            return null;
        }

        var progress = await ProgressAsync(db, [batch.Id], cancellationToken);
        return Row(batch, progress.GetValueOrDefault(batch.Id, SendBatchProgress.None));
    }

    /// <summary>A page of one of the account's batches' numbers in their order, with what each came to.</summary>
    public async Task<IReadOnlyList<SendBatchNumberRow>> NumbersAsync(int accountId, int batchId, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.SendBatchNumbers.AsNoTracking()
            .Where(n => n.BatchId == batchId && db.SendBatches.Any(b => b.Id == batchId && b.AccountId == accountId))
            .OrderBy(n => n.Id).Skip(skip).Take(take)
            .Select(n => new { n.Mobile, n.Code, Message = db.Messages.Where(m => m.Id == n.MessageId).Select(m => new { m.Id, m.AcceptedAt }).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => new SendBatchNumberRow(r.Mobile, r.Code, r.Message is null ? null : Message.FormatSmsId(r.Message.AcceptedAt, r.Message.Id)));
    }

    private static SendBatchRow Row(SendBatch b, SendBatchProgress progress) =>
        new(b.Id, b.State, b.Door, b.CreatedBy, b.Preview, b.Parts, b.Total, b.ScheduledAt, b.CreatedAt, b.StartedAt, b.FinishedAt, progress);

    /// <summary>The progress of the batches, counted from their numbers' codes (the index on BatchId, Code serves it).</summary>
    private static async Task<Dictionary<int, SendBatchProgress>> ProgressAsync(SmsPortalDbContext db, int[] batchIds, CancellationToken cancellationToken)
    {
        var counts = await db.SendBatchNumbers.AsNoTracking()
            .Where(n => batchIds.Contains(n.BatchId) && n.Code != null)
            .GroupBy(n => new { n.BatchId, n.Code })
            .Select(g => new { g.Key.BatchId, g.Key.Code, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return counts.GroupBy(c => c.BatchId).ToDictionary(
            g => g.Key,
            g => new SendBatchProgress(
                g.Sum(c => c.Count),
                g.Where(c => c.Code == (int)ResultCode.Accepted).Sum(c => c.Count),
                g.Where(c => c.Code != (int)ResultCode.Accepted).ToDictionary(c => c.Code!.Value, c => c.Count)));
    }

    private async Task<bool> MoveAsync(int accountId, int batchId, System.Linq.Expressions.Expression<Func<SendBatch, bool>> from, SendBatchState to, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var _ = await turn.TakeAsync(db, cancellationToken);
        var finished = to == SendBatchState.Cancelled ? clock.GetUtcNow() : (DateTimeOffset?)null;
        return await db.SendBatches
            .Where(b => b.Id == batchId && b.AccountId == accountId)
            .Where(from)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.State, to).SetProperty(b => b.FinishedAt, b => finished ?? b.FinishedAt), cancellationToken) == 1;
    }

    /// <summary>The numbers in their order: on SQLite one prepared insert run per number in the transaction; on PostgreSQL one insert from an array.</summary>
    private static async Task InsertNumbersAsync(SmsPortalDbContext db, int batchId, List<string> numbers, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            var mobiles = numbers.ToArray();
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO \"SendBatchNumbers\" (\"BatchId\", \"Mobile\") SELECT {batchId}, m FROM unnest({mobiles}) WITH ORDINALITY AS u(m, i) ORDER BY i",
                cancellationToken);
            return;
        }

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var insert = connection.CreateCommand();
        insert.Transaction = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        insert.CommandText = "INSERT INTO \"SendBatchNumbers\" (\"BatchId\", \"Mobile\") VALUES (@batch, @mobile)";
        insert.Parameters.AddWithValue("@batch", batchId);
        var mobile = insert.Parameters.Add("@mobile", SqliteType.Text);
        insert.Prepare();
        foreach (var number in numbers)
        {
            mobile.Value = number;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
