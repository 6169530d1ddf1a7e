using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsPortal.Infrastructure.Bootstrap;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Web.Features.Identity;

/// <summary>
/// Platform:RequireTwoFactorForAdmins: whether a signed-in person must still set up an authenticator app before
/// using admin or console pages. Read from the database each time, so turning it on takes effect at once.
/// </summary>
internal sealed class TwoFactorEnrolment(IOptions<PlatformOptions> platform, IDbContextFactory<SmsPortalDbContext> contexts)
{
    public const string SetupPath = "/Account/Manage/EnableAuthenticator";

    public async Task<bool> IsMissingAsync(ClaimsPrincipal person, CancellationToken cancellationToken)
    {
        if (!platform.Value.RequireTwoFactorForAdmins
            || !(person.IsInRole(Roles.Admin) || person.IsInRole(Roles.Reseller))
            || person.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return false;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return !await db.Users.AnyAsync(u => u.Id == userId && u.TwoFactorEnabled, cancellationToken);
    }
}
