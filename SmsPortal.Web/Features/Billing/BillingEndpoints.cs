using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Billing.Invoices;
using SmsPortal.Infrastructure.Billing.Payments;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Platform;
using SmsPortal.Infrastructure.Records;
using SmsPortal.Web.Features.Identity;
using SmsPortal.Web.Features.Localization;

namespace SmsPortal.Web.Features.Billing;

internal static class BillingEndpoints
{
    public static void MapBillingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Providers post here; they sign what they post, so there is no cookie and no antiforgery token.
        endpoints.MapPost("/payments/{gateway}/notify", async (string gateway, HttpRequest request, PaymentService payments, CancellationToken cancellationToken) =>
        {
            if (!request.HasFormContentType)
            {
                return Results.Text("refused: expected a form", "text/plain", Encoding.UTF8, StatusCodes.Status415UnsupportedMediaType);
            }

            var form = await request.ReadFormAsync(cancellationToken);
            var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            var result = await payments.HandleNotificationAsync(gateway, fields, cancellationToken);
            return Results.Text(result.Body, "text/plain", Encoding.UTF8, result.StatusCode);
        }).DisableAntiforgery().AllowAnonymous();

        endpoints.MapGet("/console/billing/ledger.csv", async (HttpContext http, LedgerQueries ledger, IStringLocalizer<BillingText> text, IStringLocalizer<Sending.SendingText> sendingText, IStringLocalizer<LedgerExportText> exportText,
            IStringLocalizer<International.IntlViewText> intlText, IOptions<DisplayOptions> display, TimeProvider clock, string? kind, string? from, string? to, string? currency) =>
        {
            if (CurrentAccount.ParseClaim(http.User) is not { } accountId)
            {
                return Results.NotFound();
            }

            // Days and times in the person's display zone (decision 0028); the time column names the zone.
            var zone = DisplayTime.ZoneOf(http.User, display.Value);
            var problems = new List<string>();
            var fromDay = Sending.RecordsExport.ParseDate(from, "from", problems, sendingText);
            var toDay = Sending.RecordsExport.ParseDate(to, "to", problems, sendingText);
            LedgerEntryKind? kindValue = null;
            if (!string.IsNullOrEmpty(kind))
            {
                if (Enum.TryParse<LedgerEntryKind>(kind, out var k) && Enum.IsDefined(k) && !int.TryParse(kind, out _))
                {
                    kindValue = k;
                }
                else
                {
                    problems.Add(string.Format(CultureInfo.CurrentCulture, exportText["BadKind"], kind));
                }
            }

            var currencyValue = LedgerCurrency.Credits;
            if (!string.IsNullOrEmpty(currency) && (!Enum.TryParse(currency, ignoreCase: true, out currencyValue) || !Enum.IsDefined(currencyValue) || int.TryParse(currency, out _)))
            {
                problems.Add(string.Format(CultureInfo.CurrentCulture, intlText["Export.BadCurrency"], currency));
            }

            if (problems.Count > 0)
            {
                return Results.BadRequest(string.Join(' ', problems));
            }

            var offset = zone.GetUtcOffset(clock.GetUtcNow());
            var filter = new LedgerFilter(
                kindValue,
                fromDay is { } f ? PlatformCalendar.DayStart(f, zone, offset) : null,
                toDay is { } t ? PlatformCalendar.DayStart(t.AddDays(1), zone, offset) : null,
                currencyValue);
            var names = Enum.GetValues<LedgerEntryKind>().ToDictionary(x => x, x => text[$"Kind.{x}"].Value);
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=ledger-{TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone):yyyyMMdd}.csv";
            await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await ledger.WriteCsvAsync(accountId, filter, writer, names, note => StoredText.Read(text, note), zone, $"time ({DisplayTime.LabelOf(zone, clock.GetUtcNow())})", http.RequestAborted);
            await writer.FlushAsync(http.RequestAborted);
            return Results.Empty;
        }).RequireAuthorization(Policies.Console);

        // The owner of the account, the owner of the reseller that issued it, and admins only: an invoice carries the company's tax details.
        endpoints.MapGet("/console/billing/invoices/{id:long}.pdf", async (long id, HttpContext http, InvoiceService invoices, CancellationToken cancellationToken) =>
        {
            var owner = await invoices.AccountOfAsync(id, cancellationToken);
            if (owner is null || !(await MayDownloadAsync(http.User, owner.Value, invoices, cancellationToken)
                || (await invoices.SellerOfAsync(id, cancellationToken) is { } seller && await MayDownloadAsync(http.User, seller, invoices, cancellationToken))))
            {
                return Results.NotFound();
            }

            var pdf = await invoices.PdfAsync(id, cancellationToken);
            return pdf is { } file ? Results.File(file.Pdf, "application/pdf", $"invoice-{file.Number}.pdf") : Results.NotFound();
        }).RequireAuthorization(Policies.Console);
    }

    private static async Task<bool> MayDownloadAsync(ClaimsPrincipal user, int accountId, InvoiceService invoices, CancellationToken cancellationToken) =>
        user.IsInRole(Roles.Admin)
        || (CurrentAccount.ParseClaim(user) == accountId && await invoices.IsOwnerAsync(user.FindFirstValue(ClaimTypes.NameIdentifier), accountId, cancellationToken));
}
