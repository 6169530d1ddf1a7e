using System.Globalization;
using Microsoft.Extensions.Localization;
using SmsPortal.Domain.International;
using SmsPortal.Infrastructure.International;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Web.Features.RestApi;

namespace SmsPortal.Web.Features.Resellers;

/// <summary>
/// The reseller's international price list over REST, with its own key: the lines of its console page
/// (<see cref="ResellerPriceList"/>, the same service and checks), each with the reseller's cost (the platform's price).
/// A refusal names its problem (a key) and explains it; it changes nothing. Only resellers: anyone else is 403.
/// </summary>
internal static class ResellerInternationalApiEndpoints
{
    public static void MapResellerInternationalApi(this IEndpointRouteBuilder endpoints)
    {
        var api = RestApiEndpoints.Group(endpoints, "/api/v1", "Catalogue (resellers)");
        api.MapGet("/catalogue/international-prices", ListAsync).WithSummary("The platform's international prices (the reseller's cost) beside the reseller's own");
        api.MapPut("/catalogue/international-prices", SetAsync).WithSummary("Set what the reseller's customers pay per segment for a country or network");
        api.MapDelete("/catalogue/international-prices", RemoveAsync).WithSummary("Remove the reseller's own price for a country or network (the platform's applies)");
    }

    private static async Task<IResult> ListAsync(HttpContext http, SubmissionService submissions, ResellerCustomers customers, ResellerPriceList prices, IStringLocalizer<ResellerText> L, CancellationToken cancellationToken)
    {
        var (reseller, refused) = await ResellerApiEndpoints.ResellerAsync(http, submissions, customers, L, cancellationToken);
        return reseller is null ? refused! : Results.Ok((await prices.RowsAsync(reseller.Value, cancellationToken)).Select(Response).ToList());
    }

    private static async Task<IResult> SetAsync(HttpContext http, InternationalPriceRequest request, SubmissionService submissions, ResellerCustomers customers, ResellerPriceList prices,
        IStringLocalizer<ResellerText> L, IStringLocalizer<International.InternationalText> texts, CancellationToken cancellationToken)
    {
        var (reseller, refused) = await ResellerApiEndpoints.ResellerAsync(http, submissions, customers, L, cancellationToken);
        if (reseller is null)
        {
            return refused!;
        }

        var price = request.Price?.ToString(CultureInfo.InvariantCulture);
        if (await prices.SetAsync(reseller.Value, request.Country, request.Prefix, price, cancellationToken) is { } problem)
        {
            return ResellerApiEndpoints.Refusal(problem.Key, string.Format(CultureInfo.CurrentCulture, texts[problem.Key], problem.Value));
        }

        var country = request.Country!.Trim().TrimStart('+');
        var prefix = (request.Prefix ?? "").Trim();
        return Results.Ok(Response((await prices.RowsAsync(reseller.Value, cancellationToken)).Single(r => r.CountryCode == country && r.Prefix == prefix)));
    }

    private static async Task<IResult> RemoveAsync(HttpContext http, string? country, string? prefix, SubmissionService submissions, ResellerCustomers customers, ResellerPriceList prices,
        IStringLocalizer<ResellerText> L, IStringLocalizer<International.ResellerPricesText> texts, CancellationToken cancellationToken)
    {
        var (reseller, refused) = await ResellerApiEndpoints.ResellerAsync(http, submissions, customers, L, cancellationToken);
        if (reseller is null)
        {
            return refused!;
        }

        return await prices.RemoveAsync(reseller.Value, country, prefix, cancellationToken)
            ? Results.NoContent()
            : Results.Problem(title: texts["Api.NoOwnPrice"], statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["error"] = "Error.NoOwnPrice" });
    }

    private static InternationalPriceResponse Response(WholesalePriceRow r) =>
        new(r.CountryCode, r.Prefix, r.Network, r.WholesaleFen is { } cost ? cost / 100m : null, r.OwnFen is { } own ? own / 100m : null);
}
