using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SmsPortal.Infrastructure.Identity;

namespace SmsPortal.Web.Features.Identity;

/// <summary>The account of the person signed in to this circuit or request.</summary>
internal sealed class CurrentAccount(AuthenticationStateProvider authentication)
{
    public const string ClaimType = "smsportal:account";

    public async Task<int?> GetIdAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return ParseClaim(state.User);
    }

    public static int? ParseClaim(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimType), out var id) ? id : null;
}

/// <summary>Puts the person's account id in the sign-in cookie so pages need no query to find it.</summary>
internal sealed class SmsPortalClaimsFactory(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.AccountId is { } accountId)
        {
            identity.AddClaim(new Claim(CurrentAccount.ClaimType, accountId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
