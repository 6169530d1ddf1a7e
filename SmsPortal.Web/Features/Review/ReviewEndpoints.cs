using System.Globalization;
using System.Security.Claims;
using System.Text;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Web.Features.Identity;

namespace SmsPortal.Web.Features.Review;

internal static class ReviewEndpoints
{
    /// <summary>
    /// Uploaded documents leave only through here: to the account that uploaded them or to an admin, always as an
    /// attachment with nosniff and a sandboxing policy, under a name the platform makes, so a file can never be
    /// rendered as a page of this site whatever it holds.
    /// </summary>
    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var documents = endpoints.MapGroup("/review/documents").RequireAuthorization(Policies.Console);
        documents.MapGet("/licence/{id:int}", async (int id, ClaimsPrincipal user, HttpContext http, VerificationService verifications, UploadedDocuments files, CancellationToken cancellationToken) =>
            Owner(user) is not { } owner ? Results.NotFound()
            : Serve(http, files, await verifications.FindLicenceAsync(owner.AccountId, id, cancellationToken), $"licence-{id}"));
        documents.MapGet("/signature/{id:int}", async (int id, ClaimsPrincipal user, HttpContext http, SignatureService signatures, UploadedDocuments files, CancellationToken cancellationToken) =>
            Owner(user) is not { } owner ? Results.NotFound()
            : Serve(http, files, await signatures.FindDocumentAsync(owner.AccountId, id, cancellationToken), $"signature-{id}"));

        endpoints.MapGet("/admin/sensitive-words/export", async (HttpContext http, SensitiveWordList words, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            http.Response.Headers.XContentTypeOptions = "nosniff";
            var name = $"sensitive-words-{clock.GetUtcNow():yyyyMMdd}.txt";
            return Results.File(Encoding.UTF8.GetBytes(await words.ExportAsync(cancellationToken)), "text/plain; charset=utf-8", name);
        }).RequireAuthorization(Policies.Admin);
        return endpoints;
    }

    /// <summary>An admin sees every document (account null); a customer only their account's; anyone else nothing.</summary>
    private static (int? AccountId, bool IsAdmin)? Owner(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return (null, true);
        }

        return CurrentAccount.ParseClaim(user) is { } accountId ? (accountId, false) : null;
    }

    private static IResult Serve(HttpContext http, UploadedDocuments files, StoredDocument? document, string name)
    {
        if (document is null || files.OpenRead(document) is not { } stream)
        {
            return Results.NotFound();
        }

        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        headers.CacheControl = "private, no-store";
        return Results.File(stream, document.ContentType, string.Create(CultureInfo.InvariantCulture, $"{name}{document.Extension}"));
    }
}
