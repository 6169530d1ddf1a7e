using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Localization;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Web.Features.Identity;

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
        endpoints.MapGet(ConsolePath, (HttpContext context, ReplyRecords replies, IStringLocalizer<RepliesText> text, TimeProvider clock, string? from, string? to, string? mobile, string? content) =>
                CurrentAccount.ParseClaim(context.User) is { } accountId
                    ? Export(context, replies, text, clock, ReplyScope.Of(accountId), from, to, new ReplyFilter(null, null, mobile, content))
                    : Results.Forbid())
            .RequireAuthorization(Policies.Console);
        endpoints.MapGet(AdminPath, (HttpContext context, ReplyRecords replies, IStringLocalizer<RepliesText> text, TimeProvider clock, string? from, string? to, string? mobile, string? content, string? account, bool? unmatched, int? reseller) =>
                Export(context, replies, text, clock, ReplyScope.Everyone, from, to, new ReplyFilter(null, null, mobile, content, account, unmatched ?? false, reseller)))
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

    private static IResult Export(HttpContext context, ReplyRecords replies, IStringLocalizer<RepliesText> text, TimeProvider clock, ReplyScope scope, string? from, string? to, ReplyFilter filter)
    {
        var problems = new List<string>();
        filter = filter with { From = Sending.RecordsExport.ParseDate(from, "from", problems, text), To = Sending.RecordsExport.ParseDate(to, "to", problems, text) };
        if (problems.Count > 0)
        {
            return Results.BadRequest(string.Join(' ', problems));
        }

        var offset = replies.DayOffset;
        var name = $"sms-replies-{clock.GetUtcNow().ToOffset(offset):yyyyMMdd-HHmm}.csv";
        var keys = new List<string> { "Export.Time", "Export.Mobile", "Export.Content", "Export.SmsId", "Export.OptOut" };
        if (scope.IsEveryone)
        {
            keys.AddRange(["Export.ApiId", "Export.Account", "Export.Channel"]);
        }

        var headers = keys.Select(key => text[key].Value).ToArray();
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
                csv.WriteField(row.ReceivedAt.ToOffset(offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
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
