using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Scalar.AspNetCore;

namespace SmsPortal.Web.Features.ApiReference;

/// <summary>
/// The OpenAPI document at /api/v1/openapi.json and its reader at /api/docs: what a customer's developer calls, and
/// nothing else. The console's own endpoints (exports, payment notifications, sign-out, the culture switch) are
/// internal and stay out of it. The reader loads nothing from another host: its script is served from here and
/// it uses the system's fonts.
/// </summary>
public static class ApiReferenceEndpoints
{
    public const string DocsPath = "/api/docs";

    private static readonly string[] PublicPrefixes = ["api/v1/", "webservice/", "sms/"];

    public static IServiceCollection AddApiReference(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = IsPublic;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "SmsPortal REST API";
                document.Info.Description = "JSON over HTTPS; credentials in the X-Api-Id and X-Api-Key headers. The vendor-compatible API lives at /webservice/sms.php.";
                return Task.CompletedTask;
            });
        });

    public static void MapApiReference(this WebApplication app)
    {
        app.MapOpenApi("/api/{documentName}/openapi.json");
        app.MapScalarApiReference(DocsPath, options => options
            .WithTitle("SmsPortal API")
            .WithOpenApiRoutePattern("/api/{documentName}/openapi.json")
            .DisableDefaultFonts());
    }

    internal static bool IsPublic(ApiDescription description) =>
        description.RelativePath is { } path && PublicPrefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}
