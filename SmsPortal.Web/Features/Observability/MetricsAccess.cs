using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Networking;

namespace SmsPortal.Web.Features.Observability;

/// <summary>
/// Who may read /metrics: a caller from Telemetry:Metrics:AllowedNetworks (the scraper), or a signed-in admin. Anyone
/// else signed in is refused (403); anyone else is told there is nothing here (404), so the path shows nothing to a prober.
/// </summary>
internal static class MetricsAccess
{
    public static async Task CheckAsync(HttpContext context, RequestDelegate next)
    {
        var settings = context.RequestServices.GetRequiredService<TelemetryOptions>();
        if (context.Connection.RemoteIpAddress is { } address && AddressRanges.Contains(settings.AllowedNetworks, address))
        {
            await next(context);
            return;
        }

        // Worker-only nodes run no authentication middleware: the cookie is read here, as the admin pages would read it.
        var signedIn = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!signedIn.Succeeded)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        if ((await authorization.AuthorizeAsync(signedIn.Principal, Policies.Admin)).Succeeded)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}
