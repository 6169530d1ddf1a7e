using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
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
        return accountGroup;
    }
}
