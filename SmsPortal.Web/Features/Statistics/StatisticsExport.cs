using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using SmsPortal.Domain.International;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Statistics;
using SmsPortal.Web.Features.Identity;
using SmsPortal.Web.Features.Sending;

namespace SmsPortal.Web.Features.Statistics;

/// <summary>
/// The statistics as CSV: GET /console/statistics/export (the signed-in account's) and GET /admin/statistics/export
/// (every account's, or one named by <c>account</c>, its API ID; <c>reseller</c>, a reseller's account id, keeps that
/// reseller's and its customers'). Parameters: <c>by</c> (day, template, signature,
/// carrier, country; admins also channel and account), <c>from</c> and <c>to</c> (yyyy-MM-dd, at most a quarter). A wrong
/// parameter answers 400 with every problem in the reader's language. Days are the platform's calendar; the day column's
/// title names its zone ("Day (UTC+08:00)"); the money column is what international messages were charged, in yuan.
/// </summary>
internal static class StatisticsExport
{
    public const string ConsolePath = "/console/statistics/export";
    public const string AdminPath = "/admin/statistics/export";

    public static readonly StatisticsGrouping[] ConsoleGroupings = [StatisticsGrouping.Day, StatisticsGrouping.Template, StatisticsGrouping.Signature, StatisticsGrouping.Carrier, StatisticsGrouping.Country];
    public static readonly StatisticsGrouping[] AdminGroupings = [StatisticsGrouping.Day, StatisticsGrouping.Account, StatisticsGrouping.Channel, StatisticsGrouping.Carrier, StatisticsGrouping.Country, StatisticsGrouping.Signature, StatisticsGrouping.Template];

    public static void MapStatisticsExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ConsolePath, (HttpContext context, SendStatistics statistics, IStringLocalizer<StatisticsText> text, IStringLocalizer<StatisticsMoneyText> more, string? by, string? from, string? to) =>
            CurrentAccount.ParseClaim(context.User) is { } accountId
                ? ExportAsync(context, statistics, text, more, accountId, ConsoleGroupings, by, from, to)
                : Task.FromResult(Results.Forbid())).RequireAuthorization(Policies.Console);
        endpoints.MapGet(AdminPath, async (HttpContext context, SendStatistics statistics, IStringLocalizer<StatisticsText> text, IStringLocalizer<StatisticsMoneyText> more, string? by, string? from, string? to, string? account, int? reseller) =>
        {
            int? accountId = null;
            if (!string.IsNullOrWhiteSpace(account))
            {
                accountId = await statistics.AccountIdOfAsync(account, context.RequestAborted);
                if (accountId is null)
                {
                    return Results.BadRequest(string.Format(CultureInfo.CurrentCulture, text["Statistics.Error.NoAccount"], account));
                }
            }

            return await ExportAsync(context, statistics, text, more, accountId, AdminGroupings, by, from, to, reseller);
        }).RequireAuthorization(Policies.Admin);
    }

    /// <summary>The export's address for what a page shows.</summary>
    public static string UrlFor(string path, StatisticsGrouping by, DateOnly from, DateOnly to) =>
        QueryHelpers.AddQueryString(path.TrimStart('/'), new Dictionary<string, string?>
        {
            ["by"] = by.ToString().ToLowerInvariant(),
            ["from"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });

    /// <summary>A group's key as a reader sees it: carriers and "not sent yet" in the reader's language.</summary>
    public static string KeyText(StatisticsGrouping by, string key, IStringLocalizer text) => by switch
    {
        StatisticsGrouping.Carrier when !key.StartsWith('+') => text[$"Statistics.Carrier.{key}"],
        StatisticsGrouping.Channel when key.Length == 0 => text["Statistics.NoChannel"],
        StatisticsGrouping.Template when key.Length == 0 => "—",
        StatisticsGrouping.Signature when key.Length == 0 => text["Statistics.NoSignature"],
        StatisticsGrouping.Template => "#" + key,
        StatisticsGrouping.Country => "+" + key,
        _ => key,
    };

    /// <summary>The title of a grouping's key column: the day's names the zone its days are counted in.</summary>
    public static string KeyTitle(StatisticsGrouping by, string zone, IStringLocalizer text, IStringLocalizer more) => by switch
    {
        StatisticsGrouping.Day => string.Format(CultureInfo.CurrentCulture, more["Statistics.DayIn"], zone),
        StatisticsGrouping.Country => more["Statistics.By.Country"],
        _ => text[$"Statistics.By.{by}"],
    };

    private static async Task<IResult> ExportAsync(HttpContext context, SendStatistics statistics, IStringLocalizer<StatisticsText> text, IStringLocalizer<StatisticsMoneyText> more, int? accountId,
        IReadOnlyList<StatisticsGrouping> allowed, string? by, string? from, string? to, int? resellerId = null)
    {
        var problems = new List<string>();
        var grouping = allowed[0];
        if (!string.IsNullOrEmpty(by) && (!Enum.TryParse(by, ignoreCase: true, out grouping) || !allowed.Contains(grouping) || int.TryParse(by, out _)))
        {
            problems.Add(string.Format(CultureInfo.CurrentCulture, text["Statistics.Error.BadGrouping"], by, string.Join(", ", allowed.Select(a => a.ToString().ToLowerInvariant()))));
        }

        var today = statistics.Today;
        var fromDate = RecordsExport.ParseDate(from, "from", problems, text) ?? today.AddDays(-6);
        var toDate = RecordsExport.ParseDate(to, "to", problems, text) ?? today;
        var query = new StatisticsQuery(accountId, fromDate, toDate, grouping, resellerId);
        if (problems.Count == 0 && query.Problem is { } rangeProblem)
        {
            problems.Add(string.Format(CultureInfo.CurrentCulture, text[rangeProblem], StatisticsQuery.MaxDays));
        }

        if (problems.Count > 0)
        {
            return Results.BadRequest(string.Join(' ', problems));
        }

        var rows = await statistics.ReadAsync(query, context.RequestAborted);
        var name = $"sms-statistics-{grouping.ToString().ToLowerInvariant()}-{fromDate:yyyyMMdd}-{toDate:yyyyMMdd}.csv";
        var headers = new[] { "Statistics.Label", "Statistics.Sent", "Statistics.Delivered", "Statistics.Failed", "Statistics.Pending", "Statistics.Rate", "Statistics.Parts" }
            .Select(key => text[key].Value).Prepend(KeyTitle(grouping, statistics.ZoneLabel, text, more)).Append(more["Statistics.Money"].Value).ToArray();
        return Results.Stream(async stream =>
        {
            // Excel reads UTF-8 (Chinese) correctly only with the mark; a text starting with = or + is never run as a formula.
            await using var csv = CsvWriter.Create(stream, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true);
            foreach (var header in headers)
            {
                csv.WriteField(header);
            }

            await csv.EndRecordAsync(context.RequestAborted);
            foreach (var row in rows)
            {
                csv.WriteField(KeyText(grouping, row.Key, text));
                csv.WriteField(row.Label ?? "");
                csv.WriteField(row.Sent.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(row.Delivered.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(row.Failed.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(row.Pending.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(row.DeliveryRate is { } rate ? rate.ToString("0.0000", CultureInfo.InvariantCulture) : "");
                csv.WriteField(row.Parts.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(Fen.Format(row.MoneyFen));
                await csv.EndRecordAsync(context.RequestAborted);
            }

            await csv.FlushAsync(context.RequestAborted);
        }, "text/csv; charset=utf-8", name);
    }
}
