using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Security;

/// <summary>Platform:RequireTwoFactorForAdmins: admins and resellers use no admin or console page before an authenticator is on.</summary>
public sealed class TwoFactorForAdminsTests() : OwnPortalTests(new Dictionary<string, string?> { ["Platform:RequireTwoFactorForAdmins"] = "true" })
{
    private const string SetupPath = "/Account/Manage/EnableAuthenticator";

    [Fact]
    public async Task AnAdminWithoutAnAuthenticatorIsSentToSetOneUpAndGetsInOnceItIsOn()
    {
        var admin = Portal.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await People.SignInAsync(admin, PortalFactory.AdminEmail, PortalFactory.AdminPassword)).StatusCode);

        foreach (var path in new[] { "/admin", "/admin/jobs", "/admin/channels", "/console" })
        {
            var refused = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal(SetupPath, refused.Headers.Location!.OriginalString);
        }

        var setup = new HtmlParser().ParseDocument(await admin.GetStringAsync(SetupPath));
        Assert.Contains("required for administrators", setup.QuerySelector("[data-testid=two-factor-required]")!.TextContent, StringComparison.Ordinal);
        var key = setup.QuerySelector("[data-testid=shared-key]")!.TextContent;
        await Forms.SubmitAsync(admin, SetupPath, "send-code", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/channels")).StatusCode);
    }

    [Fact]
    public async Task AResellerWithoutAnAuthenticatorIsSentToSetOneUpAndACustomerIsNot()
    {
        var resellerEmail = $"reseller-{Guid.NewGuid():N}@example.com";
        (await People.RegisteredCustomerAsync(Portal, resellerEmail, "Reseller#2026pw")).Dispose();
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByEmailAsync(resellerEmail))!, Roles.Reseller)).Succeeded);
        }

        var reseller = Portal.CreateBrowserLikeClient();
        await People.SignInAsync(reseller, resellerEmail, "Reseller#2026pw");
        var customer = await People.RegisteredCustomerAsync(Portal, $"customer-{Guid.NewGuid():N}@example.com");

        var refused = await reseller.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(SetupPath, refused.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync("/console")).StatusCode);
        // Still an admin page to a reseller: access denied, not an invitation to set up 2FA for it.
        Assert.Contains("AccessDenied", (await reseller.GetAsync("/admin")).Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
