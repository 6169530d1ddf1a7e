using System.Net;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Identity;

public sealed class LockoutTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync()
    {
        _portal.Settings["Identity:Lockout:MaxFailedAccessAttempts"] = "3";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task ThreeWrongPasswordsLockTheAccountSoEvenTheRightOneIsRefused()
    {
        var email = $"lock-{Guid.NewGuid():N}@example.com";
        (await People.RegisteredCustomerAsync(_portal, email, "Right#2026pw")).Dispose();
        var client = _portal.CreateBrowserLikeClient();

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var wrong = await People.SignInAsync(client, email, "Wrong#2026pw");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("The email or password is wrong.", await Forms.TextOfAsync(wrong), StringComparison.Ordinal);
        }

        var third = await People.SignInAsync(client, email, "Wrong#2026pw");
        Assert.Equal(HttpStatusCode.Redirect, third.StatusCode);
        Assert.EndsWith("Account/Lockout", third.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var right = await People.SignInAsync(client, email, "Right#2026pw");
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.EndsWith("Account/Lockout", right.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/console")).StatusCode);
    }
}
