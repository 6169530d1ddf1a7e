using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.Localization;
using Scalar.AspNetCore;

namespace SmsPortal.Web.Features.ApiReference;

/// <summary>
/// The OpenAPI document at /api/v1/openapi.json and its reader at /api/docs: what a customer's developer calls, and
/// nothing else. The console's own endpoints (exports, payment notifications, sign-out, the culture switch) are
/// internal and stay out of it. The reader loads nothing from another host: its script is served from here and
/// it uses the system's fonts. The document speaks the reader's language; the vendor's result texts stay as the vendor writes them.
/// </summary>
public static class ApiReferenceEndpoints
{
    public const string DocsPath = "/api/docs";

    private static readonly string[] PublicPrefixes = ["api/v1/", "webservice/", "sms/", "isms/"];

    public static IServiceCollection AddApiReference(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = IsPublic;
            // The document is made for each request, in the reader's language (the culture cookie or Accept-Language).
            options.AddDocumentTransformer((document, context, _) =>
            {
                var text = context.ApplicationServices.GetRequiredService<IStringLocalizer<ApiDocsText>>();
                document.Info.Title = text["Document.Title"];
                document.Info.Description = text["Document.Description"];
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var text = context.ApplicationServices.GetRequiredService<IStringLocalizer<ApiDocsText>>();
                operation.Summary = Translated(text, operation.Summary);
                operation.Description = Translated(text, operation.Description);
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

    /// <summary>An operation's English text in the reader's language; as written when there is no translation.</summary>
    private static string? Translated(IStringLocalizer text, string? english) =>
        english is null ? null : text["Operation." + english] is { ResourceNotFound: false } translated ? translated.Value : english;

    internal static bool IsPublic(ApiDescription description) =>
        description.RelativePath is { } path && PublicPrefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}
