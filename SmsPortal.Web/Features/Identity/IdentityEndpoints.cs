using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using SmsPortal.Infrastructure.Captcha;
using SmsPortal.Infrastructure.Identity;

namespace SmsPortal.Web.Features.Identity;

internal static class IdentityEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token, so a link on another site cannot sign anyone out.</summary>
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var accountGroup = endpoints.MapGroup("/Account");
        accountGroup.MapPost("/Logout", async (
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromForm] string? returnUrl) =>
        {
            await signInManager.SignOutAsync();
            var target = string.IsNullOrEmpty(returnUrl) ? "/" : "/" + returnUrl.TrimStart('/');
            return TypedResults.LocalRedirect(target.StartsWith("//", StringComparison.Ordinal) ? "/" : target);
        });

        // The captcha's picture, drawn from the token the page carries; a token that is not ours or has expired gets 404.
        accountGroup.MapGet("/Captcha", ([FromServices] Captchas captchas, HttpContext context, [FromQuery(Name = "t")] string? token) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return captchas.Image(token) is { } png ? Results.File(png, "image/png") : Results.NotFound();
        });
        return accountGroup;
    }
}
