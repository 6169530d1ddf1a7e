using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Records;
using SmsPortal.Web.Features.Identity;
using SmsPortal.Web.Features.Localization;

namespace SmsPortal.Web.Features.Sending;

/// <summary>
/// GET /console/records/export: the records page's filtered rows as CSV, streamed from the database to the response
/// (an export of a million rows holds one row in memory). The query names the filter as the page shows it.
/// </summary>
internal static class RecordsExport
{
    public const string Path = "/console/records/export";

    public static void MapRecordsExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ExportAsync).RequireAuthorization(Policies.Console);

    /// <summary>The query string for a filter, the same the endpoint reads back.</summary>
    public static string UrlFor(RecordFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new Dictionary<string, string?>
        {
            ["status"] = filter.Status == RecordStatus.Any ? null : filter.Status.ToString(),
            ["from"] = filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["mobile"] = string.IsNullOrWhiteSpace(filter.Mobile) ? null : filter.Mobile.Trim(),
            ["content"] = string.IsNullOrWhiteSpace(filter.Content) ? null : filter.Content.Trim(),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Path.TrimStart('/'), query.Where(p => p.Value is not null));
    }

    private static IResult ExportAsync(HttpContext context, MessageRecords records, IStringLocalizer<SendingText> text, IStringLocalizer<International.IntlViewText> intl, TimeProvider clock,
        IOptions<DisplayOptions> display, string? status, string? from, string? to, string? mobile, string? content)
    {
        if (CurrentAccount.ParseClaim(context.User) is not { } accountId)
        {
            return Results.Forbid();
        }

        var problems = new List<string>();
        var statusValue = RecordStatus.Any;
        if (!string.IsNullOrEmpty(status) && (!Enum.TryParse(status, ignoreCase: true, out statusValue) || !Enum.IsDefined(statusValue) || int.TryParse(status, out _)))
        {
            problems.Add(string.Format(CultureInfo.CurrentCulture, text["Export.BadStatus"], status));
        }

        var fromDate = ParseDate(from, "from", problems, text);
        var toDate = ParseDate(to, "to", problems, text);
        if (problems.Count > 0)
        {
            return Results.BadRequest(string.Join(' ', problems));
        }

        // Days and times in the person's display zone (decision 0028), the zone named in the time columns' titles.
        var zone = DisplayTime.ZoneOf(context.User, display.Value);
        var now = clock.GetUtcNow();
        var label = DisplayTime.LabelOf(zone, now);
        var filter = new RecordFilter(statusValue, fromDate, toDate, mobile, content, zone);
        var name = $"sms-records-{TimeZoneInfo.ConvertTime(now, zone):yyyyMMdd-HHmm}.csv";
        var headers = new[] { "Export.SmsId", "Export.Mobile", "Export.Text", "Export.Parts", "Export.Status", "Export.Accepted", "Export.Done", "Export.Door" }
            .Select(key => key is "Export.Accepted" or "Export.Done" ? $"{text[key].Value} ({label})" : text[key].Value)
            .Concat([intl["Export.Country"].Value, $"{intl["Export.Price"].Value} ({intl["Export.Currency"].Value})"]).ToArray();
        var statusNames = Enum.GetValues<MessageStatus>().ToDictionary(s => s, s => text[$"Status.{s}"].Value);
        var doorNames = Enum.GetValues<SubmissionDoor>().ToDictionary(d => d, d => text[$"Door.{d}"] is { ResourceNotFound: false } name ? name.Value : d.ToString());
        return Results.Stream(async stream =>
        {
            var options = new CsvWriterOptions
            {
                // Excel reads UTF-8 (Chinese) correctly only with the mark; a text starting with = or + is never run as a formula.
                WriteByteOrderMark = true,
                Injection = CsvInjection.Escape,
            };
            await using var csv = CsvWriter.Create(stream, options, leaveOpen: true);
            foreach (var header in headers)
            {
                csv.WriteField(header);
            }

            await csv.EndRecordAsync(context.RequestAborted);
            await foreach (var row in records.ExportAsync(accountId, filter, context.RequestAborted))
            {
                csv.WriteField(row.SmsId);
                csv.WriteField(row.Mobile);
                csv.WriteField(row.Text);
                csv.WriteField(row.Parts.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(statusNames[row.Status]);
                csv.WriteField(InZone(row.AcceptedAt, zone));
                csv.WriteField(row.DoneAt is { } done ? InZone(done, zone) : "");
                csv.WriteField(doorNames[row.Door]);
                // The destination's calling code (without its +, which a spreadsheet would read as a formula), and for a
                // message abroad the money it was charged, in yuan.
                csv.WriteField(row.Country ?? CountryCallingCodes.Mainland);
                csv.WriteField(row.PriceFen is { } fen ? SmsPortal.Domain.International.Fen.Format(fen) : "");
                await csv.EndRecordAsync(context.RequestAborted);
            }

            await csv.FlushAsync(context.RequestAborted);
        }, "text/csv; charset=utf-8", name);
    }

    /// <summary>A time of an export, in the zone its column names.</summary>
    internal static string InZone(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A yyyy-MM-dd export parameter; a wrong one adds the page's "Export.BadDate" text to the problems.</summary>
    internal static DateOnly? ParseDate(string? value, string parameter, List<string> problems, IStringLocalizer text)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add(string.Format(CultureInfo.CurrentCulture, text["Export.BadDate"], parameter, value));
        return null;
    }
}
