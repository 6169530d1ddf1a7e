using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using SmsPortal.Infrastructure.Billing;

namespace SmsPortal.Web.Features.Billing;

/// <summary>The person signed in to this circuit, as the billing audit names them.</summary>
internal sealed class BillingActors(AuthenticationStateProvider authentication)
{
    public async Task<BillingActor> CurrentAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return new BillingActor(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Billing actions need a signed-in person."),
            user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "");
    }

    public async Task<string?> UserIdAsync() =>
        (await authentication.GetAuthenticationStateAsync()).User.FindFirstValue(ClaimTypes.NameIdentifier);
}
