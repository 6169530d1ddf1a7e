using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Billing;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Bootstrap;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Billing;

/// <summary>A fresh install sells something at once: the starter packages of Bootstrap:StarterPackages (on for `dotnet run`).</summary>
public sealed class StarterPackageTests
{
    [Fact]
    public async Task AFreshDatabaseGetsTheStarterPackagesOnSaleWithAnAuditLine()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Bootstrap:StarterPackages"] = "true";
        var demo = await portal.QueryAsync(db => db.Accounts.SingleAsync(a => a.ApiId == PortalFactory.DemoApiId));

        var offers = await portal.Service<PackageService>().OffersAsync(demo.Id, CancellationToken.None);

        Assert.Equal(StarterPackageSet.Packages.Select(p => (p.Name, p.Sms, p.Price, p.ValidityDays)),
            offers.Select(o => (o.Name, o.Sms, o.Price, o.ValidityDays)));
        Assert.Equal(StarterPackageSet.Packages.Count,
            await portal.QueryAsync(db => db.BillingAuditEntries.CountAsync(e => e.Action == BillingAction.PackageCreated && e.ActorEmail == "Bootstrap:StarterPackages")));
    }

    [Fact]
    public async Task ASecondStartLeavesThePackagesAsTheAdminLeftThem()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Bootstrap:StarterPackages"] = "true";
        _ = portal.Server;
        await using (var db = await portal.Service<IDbContextFactory<SmsPortal.Infrastructure.Persistence.SmsPortalDbContext>>().CreateDbContextAsync())
        {
            await db.Packages.ExecuteUpdateAsync(p => p.SetProperty(x => x.IsActive, false));
        }

        await using var again = new PortalFactory();
        again.Settings["ConnectionStrings:Default"] = $"Data Source={Path.Combine(portal.Root, "smsportal.db")}";
        again.Settings["Mail:PickupDirectory"] = portal.MailFolder;
        again.Settings["Bootstrap:StarterPackages"] = "true";
        _ = again.Server;

        Assert.Equal(StarterPackageSet.Packages.Count, await again.QueryAsync(db => db.Packages.CountAsync()));
        Assert.Equal(0, await again.QueryAsync(db => db.Packages.CountAsync(p => p.IsActive)));
    }

    [Fact]
    public async Task WithTheSettingOffNoPackageIsMade()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Bootstrap:StarterPackages"] = "false";

        Assert.Equal(0, await portal.QueryAsync(db => db.Packages.CountAsync()));
    }

    [Fact]
    public void DotnetRunPutsThemOnSaleAndAProductionInstallDoesNotUnlessAsked()
    {
        var development = Path.Combine(RepositoryPaths.WebProject, "appsettings.Development.json");
        using var settings = JsonDocument.Parse(File.ReadAllText(development));
        Assert.True(settings.RootElement.GetProperty("Bootstrap").GetProperty("StarterPackages").GetBoolean());

        using var production = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.WebProject, "appsettings.json")));
        Assert.False(production.RootElement.TryGetProperty("Bootstrap", out var bootstrap) && bootstrap.TryGetProperty("StarterPackages", out _));
        Assert.False(new BootstrapOptions().StarterPackages);
    }
}
