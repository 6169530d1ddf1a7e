using SmsPortal.Infrastructure.Resellers;

namespace SmsPortal.Web.Features.Resellers;

/// <summary>
/// GET /brand/logo: the logo of the reseller whose host name the request came on, for its pages' bar. Public like the
/// pages that show it; the host decides whose, so no id of anybody's is in the address. Served as the image its
/// content proved at upload, never sniffed again by the browser.
/// </summary>
internal static class BrandLogoEndpoint
{
    public static void MapBrandLogo(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/brand/logo", async (HttpContext http, Brands brands, CancellationToken cancellationToken) =>
        {
            var brand = await brands.ForHostAsync(http.Request.Host.Host, cancellationToken);
            if (brand is null || brands.OpenLogo(brand) is not { } file)
            {
                return Results.NotFound();
            }

            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "public, max-age=300";
            return Results.File(file, brand.LogoFileName!.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg");
        }).ExcludeFromDescription();
}
