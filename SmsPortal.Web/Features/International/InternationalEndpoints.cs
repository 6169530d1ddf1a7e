using System.Text;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.International;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Web.Features.Identity;

namespace SmsPortal.Web.Features.International;

internal static class InternationalEndpoints
{
    public static void MapInternationalEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The platform's price list as the CSV an admin edits and imports back.
        endpoints.MapGet("/admin/international/prices.csv", async (HttpContext http, InternationalPrices prices) =>
        {
            await WriteAsync(http, prices, null);
            return Results.Empty;
        }).RequireAuthorization(Policies.Admin);

        // A reseller's own list in the same form, which its page imports back; anyone else's answer is "not found".
        endpoints.MapGet("/console/international-prices.csv", async (HttpContext http, InternationalPrices prices, ResellerCustomers customers) =>
        {
            if (CurrentAccount.ParseClaim(http.User) is not { } accountId || !await customers.IsResellerAsync(accountId, http.RequestAborted))
            {
                return Results.NotFound();
            }

            await WriteAsync(http, prices, accountId);
            return Results.Empty;
        }).RequireAuthorization(Policies.Console);
    }

    private static async Task WriteAsync(HttpContext http, InternationalPrices prices, int? sellerId)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=international-prices-{DateTime.UtcNow:yyyyMMdd}.csv";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await prices.WriteCsvAsync(sellerId, writer, http.RequestAborted);
        await writer.FlushAsync(http.RequestAborted);
    }
}
