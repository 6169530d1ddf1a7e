using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Web.Features.Identity;
using SmsPortal.Web.Features.Localization;

namespace SmsPortal.Web.Features.Replies;

/// <summary>
/// GET /console/replies/export (the account's replies) and /admin/replies/export (everyone's): the page's filtered
/// rows as CSV, streamed from the database to the response.
/// </summary>
internal static class RepliesExport
{
    public const string ConsolePath = "/console/replies/export";
    public const string AdminPath = "/admin/replies/export";

    public static void MapRepliesExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ConsolePath, (HttpContext context, ReplyRecords replies, IStringLocalizer<RepliesText> text, TimeProvider clock, IOptions<DisplayOptions> display, string? from, string? to, string? mobile, string? content) =>
                CurrentAccount.ParseClaim(context.User) is { } accountId
                    ? Export(context, replies, text, clock, display.Value, ReplyScope.Of(accountId), from, to, new ReplyFilter(null, null, mobile, content))
                    : Results.Forbid())
            .RequireAuthorization(Policies.Console);
        endpoints.MapGet(AdminPath, (HttpContext context, ReplyRecords replies, IStringLocalizer<RepliesText> text, TimeProvider clock, IOptions<DisplayOptions> display, string? from, string? to, string? mobile, string? content, string? account, bool? unmatched, int? reseller) =>
                Export(context, replies, text, clock, display.Value, ReplyScope.Everyone, from, to, new ReplyFilter(null, null, mobile, content, account, unmatched ?? false, reseller)))
            .RequireAuthorization(Policies.Admin);
    }

    /// <summary>The query string for a filter, the same the endpoint reads back.</summary>
    public static string UrlFor(ReplyScope scope, ReplyFilter filter)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(filter);
        var query = new Dictionary<string, string?>
        {
            ["from"] = filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["mobile"] = string.IsNullOrWhiteSpace(filter.Mobile) ? null : filter.Mobile.Trim(),
            ["content"] = string.IsNullOrWhiteSpace(filter.Content) ? null : filter.Content.Trim(),
        };
        if (scope.IsEveryone)
        {
            query["account"] = string.IsNullOrWhiteSpace(filter.Account) ? null : filter.Account.Trim();
            query["unmatched"] = filter.UnmatchedOnly ? "true" : null;
            query["reseller"] = filter.Reseller?.ToString(CultureInfo.InvariantCulture);
        }

        var path = scope.IsEveryone ? AdminPath : ConsolePath;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path.TrimStart('/'), query.Where(p => p.Value is not null));
    }

    private static IResult Export(HttpContext context, ReplyRecords replies, IStringLocalizer<RepliesText> text, TimeProvider clock, DisplayOptions display, ReplyScope scope, string? from, string? to, ReplyFilter filter)
    {
        var problems = new List<string>();
        // Days and times in the person's display zone (decision 0028), the zone named in the time column's title.
        var zone = DisplayTime.ZoneOf(context.User, display);
        filter = filter with { From = Sending.RecordsExport.ParseDate(from, "from", problems, text), To = Sending.RecordsExport.ParseDate(to, "to", problems, text), Zone = zone };
        if (problems.Count > 0)
        {
            return Results.BadRequest(string.Join(' ', problems));
        }

        var now = clock.GetUtcNow();
        var label = DisplayTime.LabelOf(zone, now);
        var name = $"sms-replies-{TimeZoneInfo.ConvertTime(now, zone):yyyyMMdd-HHmm}.csv";
        var keys = new List<string> { "Export.Time", "Export.Mobile", "Export.Content", "Export.SmsId", "Export.OptOut" };
        if (scope.IsEveryone)
        {
            keys.AddRange(["Export.ApiId", "Export.Account", "Export.Channel"]);
        }

        var headers = keys.Select(key => key == "Export.Time" ? $"{text[key].Value} ({label})" : text[key].Value).ToArray();
        var yes = text["Export.Yes"].Value;
        return Results.Stream(async stream =>
        {
            // Excel reads UTF-8 (Chinese) correctly only with the mark; a reply starting with = or + is never run as a formula.
            var options = new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape };
            await using var csv = CsvWriter.Create(stream, options, leaveOpen: true);
            foreach (var header in headers)
            {
                csv.WriteField(header);
            }

            await csv.EndRecordAsync(context.RequestAborted);
            await foreach (var row in replies.ExportAsync(scope, filter, context.RequestAborted))
            {
                csv.WriteField(Sending.RecordsExport.InZone(row.ReceivedAt, zone));
                csv.WriteField(row.Mobile);
                csv.WriteField(row.Content);
                csv.WriteField(row.SmsId ?? "");
                csv.WriteField(row.IsOptOut ? yes : "");
                if (scope.IsEveryone)
                {
                    csv.WriteField(row.AccountApiId ?? "");
                    csv.WriteField(row.AccountName ?? "");
                    csv.WriteField(row.Channel);
                }

                await csv.EndRecordAsync(context.RequestAborted);
            }

            await csv.FlushAsync(context.RequestAborted);
        }, "text/csv; charset=utf-8", name);
    }
}
