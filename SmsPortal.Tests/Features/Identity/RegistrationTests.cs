using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Identity;

public sealed class RegistrationTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task APersonRegistersConfirmsByMailAndSignsInToTheirConsole()
    {
        var email = $"reg-{Guid.NewGuid():N}@example.com";
        var client = Portal.CreateBrowserLikeClient();

        var registered = await People.RegisterAsync(client, email, "Sunrise#2026", "Sunrise Trading");
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Contains("Account/RegisterConfirmation", registered.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var link = await People.ConfirmationLinkAsync(Portal.MailFolder, email);
        var confirmed = await client.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.True((await People.FindAsync(Portal, email))!.EmailConfirmed);

        var signedIn = await People.SignInAsync(client, email, "Sunrise#2026");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.EndsWith("console", signedIn.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var console = await client.GetAsync("/console");
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        Assert.Contains(email, await console.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistrationCreatesTheAccountWithTrialCreditsAnApiIdAndTheOwner()
    {
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        var client = Portal.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await People.RegisterAsync(client, email, "Owner#2026x", "Owner Co")).StatusCode);

        var user = await People.FindAsync(Portal, email);
        Assert.NotNull(user);
        Assert.True(user.IsAccountOwner);
        await using var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        var account = await db.Accounts.Include(a => a.ApiKeys).SingleAsync(a => a.Id == user.AccountId);
        Assert.Equal("Owner Co", account.Name);
        Assert.Matches("^C[0-9]{8}$", account.ApiId);
        Assert.Single(account.ApiKeys);
        var entries = await db.LedgerEntries.Where(e => e.AccountId == account.Id).ToListAsync();
        var trial = Assert.Single(entries);
        Assert.Equal(LedgerEntryKind.Trial, trial.Kind);
        Assert.Equal(50, trial.Amount);
        Assert.Contains(await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync(), n => n == Roles.Customer);
    }

    [Fact]
    public async Task AnUnconfirmedPersonCannotSignIn()
    {
        var email = $"unconfirmed-{Guid.NewGuid():N}@example.com";
        var client = Portal.CreateBrowserLikeClient();
        await People.RegisterAsync(client, email, "Pending#2026");

        var attempt = await People.SignInAsync(client, email, "Pending#2026");

        Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        Assert.Contains("Confirm your email first", await Forms.TextOfAsync(attempt), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/console")).StatusCode);
    }

    [Fact]
    public async Task ATakenEmailIsRefusedWithIdentitysMessageAndCreatesNothing()
    {
        var email = $"taken-{Guid.NewGuid():N}@example.com";
        await People.RegisterAsync(Portal.CreateBrowserLikeClient(), email, "First#2026ab");
        var accountsBefore = await CountAccountsAsync();

        var second = await People.RegisterAsync(Portal.CreateBrowserLikeClient(), email, "Second#2026ab", "Copycat Ltd");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains($"The email '{email}' is already registered.", await Forms.TextOfAsync(second), StringComparison.Ordinal);
        Assert.Equal(accountsBefore, await CountAccountsAsync());
    }

    [Fact]
    public async Task AWeakPasswordIsRefusedInChineseForAChineseReaderAndCreatesNothing()
    {
        var email = $"weak-{Guid.NewGuid():N}@example.com";
        var client = Portal.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var accountsBefore = await CountAccountsAsync();

        var attempt = await People.RegisterAsync(client, email, "abcdefgh");

        var text = await Forms.TextOfAsync(attempt);
        Assert.Contains("密码至少需要一个数字", text, StringComparison.Ordinal);
        Assert.Contains("密码至少需要一个大写字母", text, StringComparison.Ordinal);
        Assert.Null(await People.FindAsync(Portal, email));
        Assert.Equal(accountsBefore, await CountAccountsAsync());
    }

    [Fact]
    public async Task AMalformedEmailIsRefusedAndCreatesNothing()
    {
        var accountsBefore = await CountAccountsAsync();

        var attempt = await People.RegisterAsync(Portal.CreateBrowserLikeClient(), "not-an-email", "Valid#2026pass");

        Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        Assert.Contains("Enter a valid email address.", await Forms.TextOfAsync(attempt), StringComparison.Ordinal);
        Assert.Equal(accountsBefore, await CountAccountsAsync());
    }

    private async Task<int> CountAccountsAsync()
    {
        await using var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        return await db.Accounts.CountAsync();
    }
}
