using System.Text;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.International;

namespace SmsPortal.Web.Features.International;

internal static class InternationalEndpoints
{
    public static void MapInternationalEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The platform's price list as the CSV an admin edits and imports back.
        endpoints.MapGet("/admin/international/prices.csv", async (HttpContext http, InternationalPrices prices) =>
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=international-prices-{DateTime.UtcNow:yyyyMMdd}.csv";
            await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await prices.WriteCsvAsync(null, writer, http.RequestAborted);
            await writer.FlushAsync(http.RequestAborted);
            return Results.Empty;
        }).RequireAuthorization(Policies.Admin);
    }
}
