using Microsoft.Extensions.Localization;
using SmsPortal.Infrastructure.Records;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Web.Features.RestApi;

namespace SmsPortal.Web.Features.Resellers;

/// <summary>
/// The reseller's view over REST with its own API key: its customers' delivery statistics. A customer that is not the
/// caller's answers 404, as an unknown one does (the gate is <see cref="ResellerView"/>).
/// </summary>
internal static class ResellerViewEndpoints
{
    public static void MapResellerViewApi(this IEndpointRouteBuilder endpoints)
    {
        var api = RestApiEndpoints.Group(endpoints, "/api/v1", "Customers (resellers)");
        api.MapGet("/customers/statistics", AllAsync).WithSummary("Every customer's messages by day and by customer (days: 1 to 90, default 7)");
        api.MapGet("/customers/{apiId}/statistics", OneAsync).WithSummary("One customer's balance and messages by day (days: 1 to 90, default 7)");
    }

    private static async Task<IResult> AllAsync(HttpContext http, int? days, SubmissionService submissions, ResellerCustomers customers, ResellerView view,
        IStringLocalizer<ResellerText> L, IStringLocalizer<ResellerViewText> viewL, CancellationToken cancellationToken)
    {
        var (reseller, refused) = await ResellerApiEndpoints.ResellerAsync(http, submissions, customers, L, cancellationToken);
        if (reseller is null)
        {
            return refused!;
        }

        if (DaysRefusal(days, viewL) is { } bad)
        {
            return bad;
        }

        var daily = await view.DailyAsync(reseller.Value, days ?? 7, cancellationToken);
        var totals = await view.TotalsAsync(reseller.Value, days ?? 7, cancellationToken);
        return Results.Ok(new CustomersStatisticsResponse(
            daily.Select(Day).ToList(),
            totals.Select(t => new CustomerTotalsResponse(t.ApiId, t.Name, t.Counts.Sent, t.Counts.Delivered, t.Counts.Failed, t.Counts.Pending)).ToList()));
    }

    private static async Task<IResult> OneAsync(HttpContext http, string apiId, int? days, SubmissionService submissions, ResellerCustomers customers, ResellerView view,
        MessageRecords records, IStringLocalizer<ResellerText> L, IStringLocalizer<ResellerViewText> viewL, CancellationToken cancellationToken)
    {
        var (reseller, refused) = await ResellerApiEndpoints.ResellerAsync(http, submissions, customers, L, cancellationToken);
        if (reseller is null)
        {
            return refused!;
        }

        if (DaysRefusal(days, viewL) is { } bad)
        {
            return bad;
        }

        var customer = await view.CustomerAsync(reseller.Value, apiId, cancellationToken);
        if (customer is null)
        {
            return ResellerApiEndpoints.Refusal(L, "Error.NotYourCustomer");
        }

        var daily = await records.DailyAsync(customer.Id, days ?? 7, cancellationToken);
        return Results.Ok(new CustomerStatisticsResponse(customer.ApiId, customer.Name, customer.Balance, daily.Select(Day).ToList()));
    }

    private static IResult? DaysRefusal(int? days, IStringLocalizer<ResellerViewText> L) => days is null or (>= 1 and <= ResellerView.MaxDays)
        ? null
        : Results.Problem(title: L["Error.StatisticsDays"], statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["error"] = "Error.StatisticsDays" });

    private static DayStatisticsResponse Day(DayCounts d) => new(d.Day, d.Counts.Sent, d.Counts.Delivered, d.Counts.Failed, d.Counts.Pending);
}
