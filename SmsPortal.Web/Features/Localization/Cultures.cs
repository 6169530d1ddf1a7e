using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace SmsPortal.Web.Features.Localization;

/// <summary>The console speaks English and Simplified Chinese; the choice lives in a cookie.</summary>
public static class Cultures
{
    public const string English = "en";
    public const string Chinese = "zh-CN";

    public static readonly string[] Supported = [English, Chinese];

    public static IServiceCollection AddCultures(this IServiceCollection services) =>
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(English).AddSupportedCultures(Supported).AddSupportedUICultures(Supported);
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    /// <summary>GET /culture/set?culture=zh-CN&amp;redirectUri=/console: stores the choice and goes back.</summary>
    public static void MapCultureEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/set", (HttpContext context, string? culture, string? redirectUri) =>
        {
            var chosen = Supported.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase));
            if (chosen is null)
            {
                return Results.BadRequest($"Unsupported culture '{culture}'. Use {string.Join(" or ", Supported)}.");
            }

            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = false });
            var target = string.IsNullOrEmpty(redirectUri) || !redirectUri.StartsWith('/') || redirectUri.StartsWith("//", StringComparison.Ordinal) ? "/" : redirectUri;
            return Results.LocalRedirect(target);
        });
    }
}
