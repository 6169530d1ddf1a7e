using System.Net;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure.PostgreSql;

[Trait("Category", "PostgreSql")]
public sealed class PostgresStartupTests(PostgresPortalFixture fixture) : IClassFixture<PostgresPortalFixture>
{
    private PostgresPortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task ThePortalMigratesPostgreSqlAndAnswersHealthWithHangfiresPostgreSqlStorage()
    {
        var response = await Portal.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Hangfire.PostgreSql.PostgreSqlStorage", Portal.Service<JobStorage>().GetType().FullName);
        await using var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        Assert.IsType<PostgresSmsPortalDbContext>(db);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task TheDemoAccountAndTheDefaultTemplateExistOnPostgreSql()
    {
        var accounts = Portal.Service<AccountService>();
        var demo = await accounts.FindByCredentialsAsync(PortalFactory.DemoApiId, PortalFactory.DemoApiKey, CancellationToken.None);

        Assert.NotNull(demo);
        Assert.Equal(1000, await accounts.GetBalanceAsync(demo.Id, CancellationToken.None));
        await using var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(SmsPortal.Domain.Review.MessageTemplate.DefaultText, (await db.MessageTemplates.SingleAsync(t => t.Id == 1)).Text);
    }

    [Fact]
    public async Task APersonRegistersConfirmsAndSignsInOnPostgreSql()
    {
        var client = await People.RegisteredCustomerAsync(Portal, $"pg-{Guid.NewGuid():N}@example.com");

        var console = await client.GetAsync("/console");

        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
    }

    [Fact]
    public async Task TheAdminSignsInOnPostgreSql()
    {
        var client = Portal.CreateBrowserLikeClient();

        var response = await People.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/accounts")).StatusCode);
    }

    [Fact]
    public async Task AJobEnqueuedOnPostgreSqlStorageRuns()
    {
        var marker = Guid.NewGuid();
        ProbeJob.Expect(marker);

        Portal.Service<IBackgroundJobClient>().Enqueue<ProbeJob>(job => job.Run(marker));

        await ProbeJob.WaitAsync(marker, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ASecondNodeOnTheSameDatabaseStartsWithoutCreatingAnythingTwice()
    {
        await using var second = Portal.AnotherNode();
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync("/health")).StatusCode);

        await using var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Accounts.CountAsync(a => a.ApiId == PortalFactory.DemoApiId));
        Assert.Equal(1, await db.MessageTemplates.CountAsync(t => t.AccountId == null));
        Assert.Equal(2, Portal.Service<JobStorage>().GetMonitoringApi().GetStatistics().Servers);
    }
}
