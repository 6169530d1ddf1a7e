using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.International;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Billing;

public sealed record LedgerRow(long Id, DateTimeOffset CreatedAt, LedgerEntryKind Kind, long Amount, long BalanceAfter, string? Reference, string? Note);

public sealed record LedgerPage(IReadOnlyList<LedgerRow> Rows, int Total);

/// <summary>Which entries to show: a kind, a date range in UTC (from inclusive, to exclusive), and one currency (each has its own running balance).</summary>
public sealed record LedgerFilter(LedgerEntryKind? Kind = null, DateTimeOffset? From = null, DateTimeOffset? To = null, LedgerCurrency Currency = LedgerCurrency.Credits);

/// <summary>Balance, credits held by messages in flight; the money balance for international SMS and what messages in flight hold of it (CNY fen).</summary>
public sealed record CreditSummary(long Balance, long Reserved, long MoneyFen = 0, long MoneyReservedFen = 0);

public sealed record AuditRow(long Id, DateTimeOffset At, string ActorEmail, BillingAction Action, string? AccountName, string? Subject, string Detail, string? Reason);

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total);

/// <summary>The ledger as customers read it: paged in the database, filtered, exported as CSV.</summary>
public sealed class LedgerQueries(IDbContextFactory<SmsPortalDbContext> contexts)
{
    public async Task<CreditSummary> SummaryAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var balance = (await CreditLedger.BalancesAsync(db, [accountId], cancellationToken))[accountId];
        var money = (await CreditLedger.BalancesAsync(db, [accountId], LedgerCurrency.Cny, cancellationToken))[accountId];
        // Messages accepted but not yet final hold their parts (the pipeline reserves them at acceptance), or their price abroad.
        var held = await db.Messages
            .Where(m => m.AccountId == accountId && (m.Status == MessageStatus.Accepted || m.Status == MessageStatus.Submitted || m.Status == MessageStatus.Dispatching))
            .GroupBy(m => m.PriceFen == null)
            .Select(g => new { Credits = g.Key, Parts = g.Sum(m => (long)m.Parts), Fen = g.Sum(m => m.PriceFen ?? 0) })
            .ToListAsync(cancellationToken);
        return new CreditSummary(
            balance,
            held.Where(h => h.Credits).Sum(h => h.Parts),
            money,
            held.Where(h => !h.Credits).Sum(h => h.Fen));
    }

    public async Task<LedgerPage> PageAsync(int accountId, LedgerFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, accountId, filter);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(e => e.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))
            .Select(e => new LedgerRow(e.Id, e.CreatedAt, e.Kind, e.Amount, e.BalanceAfter, e.Reference, e.Note))
            .ToListAsync(cancellationToken);
        return new LedgerPage(rows, total);
    }

    /// <summary>Writes the matching entries as CSV, oldest first, streamed from the database (never the whole table in memory).</summary>
    /// <param name="zone">The zone the times are written in; <paramref name="timeHeader"/> names it.</param>
    public async Task WriteCsvAsync(int accountId, LedgerFilter filter, TextWriter writer, IReadOnlyDictionary<LedgerEntryKind, string> kindNames, Func<string?, string> readNote,
        TimeZoneInfo zone, string timeHeader, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Amounts are negative numbers, so the writer's own formula escaping (which would quote "-5") stays off;
        // the free-text columns are escaped below instead.
        await using var csv = CsvWriter.Create(writer, new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\r\n" }, leaveOpen: true);
        ArgumentNullException.ThrowIfNull(zone);
        // Each currency is exported on its own, its unit named in the amount columns: credits, or money in yuan (CNY).
        var money = filter.Currency == LedgerCurrency.Cny;
        var unit = money ? "CNY" : "credits";
        csv.WriteHeader(["id", timeHeader, "kind", $"amount ({unit})", $"balance_after ({unit})", "reference", "note"]);
        await foreach (var e in Filtered(db, accountId, filter).OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            csv.WriteField(e.Id.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(TimeZoneInfo.ConvertTime(e.CreatedAt, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            csv.WriteField(kindNames.GetValueOrDefault(e.Kind, e.Kind.ToString()));
            csv.WriteField(money ? Fen.Format(e.Amount) : e.Amount.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(money ? Fen.Format(e.BalanceAfter) : e.BalanceAfter.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(Safe(e.Reference) ?? "");
            csv.WriteField(Safe(readNote(e.Note)) ?? "");
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    public async Task<AuditPage> AuditAsync(int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var total = await db.BillingAuditEntries.CountAsync(cancellationToken);
        var rows = await db.BillingAuditEntries.AsNoTracking().OrderByDescending(e => e.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))
            .Select(e => new AuditRow(e.Id, e.At, e.ActorEmail, e.Action, db.Accounts.Where(a => a.Id == e.AccountId).Select(a => a.Name).FirstOrDefault(), e.Subject, e.Detail, e.Reason))
            .ToListAsync(cancellationToken);
        return new AuditPage(rows, total);
    }

    private static IQueryable<LedgerEntry> Filtered(SmsPortalDbContext db, int accountId, LedgerFilter filter)
    {
        var query = db.LedgerEntries.AsNoTracking().Where(e => e.AccountId == accountId && e.Currency == filter.Currency);
        if (filter.Kind is { } kind)
        {
            query = query.Where(e => e.Kind == kind);
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.CreatedAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.CreatedAt < to);
        }

        return query;
    }

    private static string? Safe(string? text) => text is { Length: > 0 } && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;
}
