using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure;

public sealed class StartupTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task HealthAnswersWithTheDatabaseAndTheJobStorageHealthy()
    {
        var response = await Portal.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("jobs").GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheLandingPageSaysWhatThePlatformOffers()
    {
        var response = await Portal.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await Forms.TextOfAsync(response);
        Assert.Contains("Verification codes and notifications, delivered in seconds", text, StringComparison.Ordinal);
        Assert.Contains("Drop-in vendor API", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAdminFromConfigurationExistsInTheAdminRole()
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = await users.FindByEmailAsync(PortalFactory.AdminEmail);

        Assert.NotNull(admin);
        Assert.True(admin.EmailConfirmed);
        Assert.True(await users.IsInRoleAsync(admin, Roles.Admin));
    }

    [Fact]
    public async Task TheDemoAccountHasItsApiCredentialsAThousandCreditsAndIsVerified()
    {
        var accounts = Portal.Service<AccountService>();

        var demo = await accounts.FindByCredentialsAsync(PortalFactory.DemoApiId, PortalFactory.DemoApiKey, CancellationToken.None);

        Assert.NotNull(demo);
        Assert.True(demo.IsVerified);
        Assert.Equal(1000, await accounts.GetBalanceAsync(demo.Id, CancellationToken.None));
        Assert.Null(await accounts.FindByCredentialsAsync(PortalFactory.DemoApiId, "wrongkey0123456789abcdef01234567", CancellationToken.None));
    }

    [Fact]
    public async Task TheDefaultTemplateIsIdOneAndTheDefaultSignatureIsApproved()
    {
        await using var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();

        var template = await db.MessageTemplates.SingleAsync(t => t.Id == 1);
        Assert.Equal(MessageTemplate.DefaultText, template.Text);
        Assert.Equal(ReviewState.Approved, template.State);
        Assert.Null(template.AccountId);
        var signature = await db.Signatures.SingleAsync(s => s.AccountId == null);
        Assert.Equal("SmsPortal", signature.Text);
        Assert.Equal(ReviewState.Approved, signature.State);
    }

    [Fact]
    public async Task TheDatabaseFileRunsInWalMode()
    {
        await using var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ASecondStartOnTheSameDatabaseCreatesNothingTwice()
    {
        await using var again = new PortalFactory();
        again.Settings["ConnectionStrings:Default"] = $"Data Source={Path.Combine(Portal.Root, "smsportal.db")}";
        again.Settings["Mail:PickupDirectory"] = Portal.MailFolder;
        _ = again.Server;

        await using var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Accounts.CountAsync(a => a.ApiId == PortalFactory.DemoApiId));
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == PortalFactory.AdminEmail));
        Assert.Equal(1, await db.MessageTemplates.CountAsync(t => t.AccountId == null));
    }
}
