using Microsoft.Extensions.Localization;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Web.Features.RestApi;

namespace SmsPortal.Web.Features.Resellers;

/// <summary>
/// The reseller's catalogue over REST, with its own API key: its packages and its customers' own prices, with the
/// checks of its selling page (<see cref="ResellerCatalogue"/>, the same service): never below its wholesale cost.
/// Another reseller's package, or a customer not its own, answers 404, as an unknown one does.
/// </summary>
internal static class ResellerCatalogueApiEndpoints
{
    public static void MapResellerCatalogueApi(this IEndpointRouteBuilder endpoints)
    {
        var api = RestApiEndpoints.Group(endpoints, "/api/v1", "Catalogue (resellers)");
        api.MapGet("/catalogue/packages", PackagesAsync).WithSummary("The reseller's own packages with its cost of each");
        api.MapPost("/catalogue/packages", CreatePackageAsync).WithSummary("Add a package for the reseller's customers");
        api.MapPut("/catalogue/packages/{id:int}", ChangePackageAsync).WithSummary("Change one of the reseller's packages");
        api.MapGet("/catalogue/prices", PricesAsync).WithSummary("The reseller's customers' own prices");
        api.MapPut("/catalogue/prices", SetPriceAsync).WithSummary("Set what one customer pays for one package");
    }

    private static async Task<IResult> PackagesAsync(HttpContext http, SubmissionService submissions, ResellerCustomers customers, ResellerCatalogue catalogue, IStringLocalizer<ResellerText> L, CancellationToken cancellationToken)
    {
        var (reseller, refused) = await ResellerApiEndpoints.ResellerAsync(http, submissions, customers, L, cancellationToken);
        return reseller is null ? refused! : Results.Ok((await catalogue.PackagesAsync(reseller.Value, cancellationToken)).Select(Response).ToList());
    }

    private static Task<IResult> CreatePackageAsync(HttpContext http, CataloguePackageRequest request, SubmissionService submissions, ResellerCustomers customers, ResellerCatalogue catalogue,
        IStringLocalizer<ResellerText> L, SellingErrors errors, CancellationToken cancellationToken) =>
        SavePackageAsync(http, null, request, submissions, customers, catalogue, L, errors, cancellationToken);

    private static Task<IResult> ChangePackageAsync(HttpContext http, int id, CataloguePackageRequest request, SubmissionService submissions, ResellerCustomers customers, ResellerCatalogue catalogue,
        IStringLocalizer<ResellerText> L, SellingErrors errors, CancellationToken cancellationToken) =>
        SavePackageAsync(http, id, request, submissions, customers, catalogue, L, errors, cancellationToken);

    private static async Task<IResult> SavePackageAsync(HttpContext http, int? id, CataloguePackageRequest request, SubmissionService submissions, ResellerCustomers customers, ResellerCatalogue catalogue,
        IStringLocalizer<ResellerText> L, SellingErrors errors, CancellationToken cancellationToken)
    {
        var (reseller, refused) = await ResellerApiEndpoints.ResellerAsync(http, submissions, customers, L, cancellationToken);
        if (reseller is null)
        {
            return refused!;
        }

        var saved = await catalogue.SavePackageAsync(reseller.Value, id, new PackageInput(request.Name, request.Sms, request.Price, request.ValidityDays, request.OnSale) { MoneyFen = MoneyFen(request.Money) }, ResellerApiEndpoints.ActorOf(http), cancellationToken);
        if (!saved.Ok)
        {
            return ResellerApiEndpoints.Refusal(saved.Error!, errors.Text(saved.Error!));
        }

        var package = (await catalogue.PackagesAsync(reseller.Value, cancellationToken)).Single(p => p.Id == saved.Id);
        return id is null ? Results.Created($"/api/v1/catalogue/packages/{package.Id}", Response(package)) : Results.Ok(Response(package));
    }

    private static async Task<IResult> PricesAsync(HttpContext http, SubmissionService submissions, ResellerCustomers customers, ResellerCatalogue catalogue, IStringLocalizer<ResellerText> L, CancellationToken cancellationToken)
    {
        var (reseller, refused) = await ResellerApiEndpoints.ResellerAsync(http, submissions, customers, L, cancellationToken);
        return reseller is null ? refused! : Results.Ok((await catalogue.PricesAsync(reseller.Value, cancellationToken)).Select(Response).ToList());
    }

    private static async Task<IResult> SetPriceAsync(HttpContext http, CustomerPriceRequest request, SubmissionService submissions, ResellerCustomers customers, ResellerCatalogue catalogue,
        IStringLocalizer<ResellerText> L, SellingErrors errors, CancellationToken cancellationToken)
    {
        var (reseller, refused) = await ResellerApiEndpoints.ResellerAsync(http, submissions, customers, L, cancellationToken);
        if (reseller is null)
        {
            return refused!;
        }

        var set = await catalogue.SetPriceAsync(reseller.Value, request.CustomerApiId, request.PackageId, request.Price, ResellerApiEndpoints.ActorOf(http), cancellationToken);
        if (!set.Ok)
        {
            return ResellerApiEndpoints.Refusal(set.Error!, errors.Text(set.Error!));
        }

        var apiId = request.CustomerApiId!.Trim();
        return Results.Ok(Response((await catalogue.PricesAsync(reseller.Value, cancellationToken)).Single(p => p.CustomerApiId == apiId && p.PackageId == request.PackageId)));
    }

    private static CataloguePackageResponse Response(ResellerPackageRow p) => new(p.Id, p.Name, p.Sms, p.Price, p.Cost, p.ValidityDays, p.IsActive, p.MoneyFen / 100m);

    /// <summary>Yuan with at most two decimals as fen; anything finer is -1, which the package rules refuse.</summary>
    internal static long MoneyFen(decimal yuan) => decimal.Round(yuan * 100) == yuan * 100 && yuan * 100 <= long.MaxValue ? (long)(yuan * 100) : -1;

    private static CustomerPriceResponse Response(ResellerPriceRow p) => new(p.CustomerApiId, p.CustomerName, p.PackageId, p.PackageName, p.ListPrice, p.Price, p.Cost);
}
