using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure;

public sealed class LoggingTests
{
    [Fact]
    public async Task NoLogLineEverHoldsAPasswordOrAnApiKey()
    {
        await using var portal = new CapturingPortal();
        var lines = portal.Lines;
        var email = $"logs-{Guid.NewGuid():N}@example.com";
        const string password = "Secret#Log2026xyz";

        var client = await People.RegisteredCustomerAsync(portal, email, password);
        await People.SignInAsync(portal.CreateBrowserLikeClient(), email, "Wrong#Log2026xyz");
        var user = await People.FindAsync(portal, email);
        var accounts = portal.Service<AccountService>();
        var rotated = await accounts.RotateKeyAsync(user!.AccountId!.Value, CancellationToken.None);
        await accounts.FindByCredentialsAsync("C00000000", rotated, CancellationToken.None);
        client.Dispose();

        Assert.NotEmpty(lines);
        foreach (var secret in new[] { password, "Wrong#Log2026xyz", PortalFactory.AdminPassword, PortalFactory.DemoApiKey, rotated })
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }
}
