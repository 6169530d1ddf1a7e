using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Admin;

public sealed class AdminAccessTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    /// <summary>Every routable page under /admin, found from the pages themselves so a new one cannot be forgotten.</summary>
    public static TheoryData<string> AdminPages()
    {
        var routes = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Where(t => t.StartsWith("/admin", StringComparison.OrdinalIgnoreCase))
            // A number where the route wants one (an account's page): the page answers whether or not it exists.
            .Select(t => System.Text.RegularExpressions.Regex.Replace(t, @"\{[^}:]+:int\}", "1"))
            .Distinct()
            .Append("/admin/jobs")
            .Append("/admin/jobs/jobs/enqueued");
        var data = new TheoryData<string>();
        foreach (var route in routes)
        {
            data.Add(route);
        }

        return data;
    }

    [Fact]
    public void ThereAreAdminPagesToCheck() => Assert.True(AdminPages().Count >= 5);

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task ACustomerIsRefusedOnEveryAdminPage(string page)
    {
        var customer = await fixture.CustomerAsync();

        var response = await customer.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task ASignedOutVisitorIsSentToSignInFromEveryAdminPage(string page)
    {
        var response = await Portal.CreateBrowserLikeClient().GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task TheAdminOpensEveryAdminPage(string page)
    {
        var admin = await fixture.AdminAsync();

        var response = await admin.GetAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheAdminSignsInToTheAdminNavigation()
    {
        var client = Portal.CreateBrowserLikeClient();
        var signedIn = await People.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.EndsWith("admin", signedIn.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var text = await Forms.TextOfAsync(await client.GetAsync("/admin"));

        Assert.Contains("Administration", text, StringComparison.Ordinal);
        Assert.Contains("Accounts", text, StringComparison.Ordinal);
        Assert.Contains("Background jobs", text, StringComparison.Ordinal);
        Assert.Contains("Mail outbox", text, StringComparison.Ordinal);
        Assert.DoesNotContain("API keys", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACustomerSeesTheCustomerNavigationAndNoAdminEntries()
    {
        var customer = await fixture.CustomerAsync();

        var text = await Forms.TextOfAsync(await customer.GetAsync("/console"));

        Assert.Contains("Overview", text, StringComparison.Ordinal);
        Assert.Contains("API keys", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Administration", text, StringComparison.Ordinal);
    }
}
