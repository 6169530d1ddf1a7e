using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Billing;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Tests.Features.Billing;
using SmsPortal.Tests.Features.Review;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Resellers;

/// <summary>An admin makes an account a reseller: prices, brand and host names checked, audited, the logo judged by its content.</summary>
public sealed class ResellerSettingsTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    private ResellerAdministration Admin => Portal.Service<ResellerAdministration>();

    [Fact]
    public async Task AnAdminMakesAnAccountAResellerWithItsPricesBrandAndHostsAndItsPeopleGetTheResellerRole()
    {
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        await People.RegisteredCustomerAsync(Portal, email);
        var user = (await People.FindAsync(Portal, email))!;
        var apiId = await Portal.QueryAsync(db => db.Accounts.Where(a => a.Id == user.AccountId).Select(a => a.ApiId).SingleAsync());
        var host = $"brand-{Guid.NewGuid():N}"[..14] + ".example";
        var settings = ResellerWorld.Settings(host) with { Hosts = [host.ToUpperInvariant() + ".", "www." + host], WholesaleUnit = SmsPortal.Domain.Resellers.WholesaleUnit.PerPackage, WholesalePrice = 300m, WholesalePackageSms = 10_000 };

        var saved = await Admin.SaveAsync(apiId, settings, BillingWorld.Admin, CancellationToken.None);

        Assert.True(saved.Ok, saved.Error);
        var stored = (await Admin.GetAsync(user.AccountId!.Value, CancellationToken.None))!;
        Assert.Equal([host, "www." + host], stored.Hosts);
        Assert.Equal(300m, stored.WholesalePrice);
        Assert.Equal(10_000, stored.WholesalePackageSms);
        Assert.Equal(AccountKind.Reseller, await Portal.QueryAsync(db => db.Accounts.Where(a => a.Id == user.AccountId).Select(a => a.Kind).SingleAsync()));
        Assert.True(await Portal.QueryAsync(db => db.UserRoles.AnyAsync(ur => ur.UserId == user.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Reseller))));
        Assert.Equal(1, await Portal.QueryAsync(db => db.BillingAuditEntries.CountAsync(a => a.AccountId == user.AccountId && a.Action == BillingAction.ResellerSaved)));
        Assert.Equal("Agent One", (await Portal.Service<Brands>().ForHostAsync("WWW." + host, CancellationToken.None))?.DisplayName);
        Assert.Null(await Portal.Service<Brands>().ForHostAsync("unknown-" + host, CancellationToken.None));
    }

    public static TheoryData<string, string> BadSettings() => new()
    {
        { "no name", "Error.ResellerDisplayName" },
        { "bad colour", "Error.ResellerColour" },
        { "bad mail", "Error.ResellerEmail" },
        { "bad phone", "Error.ResellerPhone" },
        { "signature with brackets", "Error.ResellerSignature" },
        { "no host", "Error.ResellerHost" },
        { "host with port", "Error.ResellerHost" },
        { "IP address", "Error.ResellerHost" },
        { "host twice", "Error.ResellerHostTwice" },
        { "host of another reseller", "Error.ResellerHostTaken" },
        { "zero price", "Error.ResellerPrice" },
        { "package without size", "Error.ResellerPackageSms" },
        { "negative trial", "Error.ResellerTrialCredits" },
        { "unknown account", "Error.UnknownAccount" },
        { "a reseller's customer", "Error.ResellerOfAReseller" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task BadResellerSettingsAreRefusedWithTheirReasonAndChangeNothing(string bad, string error)
    {
        var (taken, takenHost) = await ResellerWorld.NewResellerAsync(Portal, 10);
        var customer = (await ResellerWorld.Api(Portal, taken).CreateCustomerAsync("Sub Co")).Body.GetProperty("apiId").GetString()!;
        var account = await TestAccounts.CreateAsync(Portal, 10);
        var host = $"h{Guid.NewGuid():N}"[..12] + ".example";
        var good = ResellerWorld.Settings(host);
        var (apiId, settings) = bad switch
        {
            "no name" => (account.ApiId, good with { DisplayName = " " }),
            "bad colour" => (account.ApiId, good with { PrimaryColour = "red" }),
            "bad mail" => (account.ApiId, good with { SupportEmail = "help" }),
            "bad phone" => (account.ApiId, good with { SupportPhone = "call me" }),
            "signature with brackets" => (account.ApiId, good with { DefaultSignature = "【代理】" }),
            "no host" => (account.ApiId, good with { Hosts = [] }),
            "host with port" => (account.ApiId, good with { Hosts = [host + ":8080"] }),
            "IP address" => (account.ApiId, good with { Hosts = ["10.0.0.1"] }),
            "host twice" => (account.ApiId, good with { Hosts = [host, host.ToUpperInvariant()] }),
            "host of another reseller" => (account.ApiId, good with { Hosts = [host, takenHost] }),
            "zero price" => (account.ApiId, good with { WholesalePrice = 0 }),
            "package without size" => (account.ApiId, good with { WholesaleUnit = SmsPortal.Domain.Resellers.WholesaleUnit.PerPackage }),
            "negative trial" => (account.ApiId, good with { TrialCredits = -1 }),
            "unknown account" => ("C00000000", good),
            _ => (customer, good),
        };
        var before = await ResellerWorld.CountsAsync(Portal);

        var saved = await Admin.SaveAsync(apiId, settings, BillingWorld.Admin, CancellationToken.None);

        Assert.False(saved.Ok, bad);
        Assert.Equal(error, saved.Error);
        Assert.Equal(before, await ResellerWorld.CountsAsync(Portal));
        Assert.Equal(AccountKind.Customer, await Portal.QueryAsync(db => db.Accounts.Where(a => a.Id == account.Id).Select(a => a.Kind).SingleAsync()));
        Assert.Equal(1, await Portal.QueryAsync(db => db.ResellerHosts.CountAsync(h => h.Name == takenHost)));
        Assert.False(await Portal.QueryAsync(db => db.ResellerHosts.AnyAsync(h => h.Name == host)));
    }

    [Fact]
    public async Task ALogoIsKeptOnlyWhenItsContentIsAPngOrJpeg()
    {
        var (reseller, host) = await ResellerWorld.NewResellerAsync(Portal, 10);

        var pdf = await Admin.SetLogoAsync(reseller.Id, ReviewData.Stream(ReviewData.Pdf()), CancellationToken.None);
        var html = await Admin.SetLogoAsync(reseller.Id, ReviewData.Stream("<svg onload=alert(1)>"u8.ToArray()), CancellationToken.None);
        Assert.Equal(UploadProblem.NotAnImageOrPdf, pdf);
        Assert.Equal(UploadProblem.NotAnImageOrPdf, html);
        Assert.Null((await Portal.Service<Brands>().ForHostAsync(host, CancellationToken.None))!.LogoFileName);

        var png = await Admin.SetLogoAsync(reseller.Id, ReviewData.Stream(ReviewData.Png()), CancellationToken.None);

        Assert.Null(png);
        var brand = (await Portal.Service<Brands>().ForHostAsync(host, CancellationToken.None))!;
        Assert.EndsWith(".png", brand.LogoFileName, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Portal.UploadFolder, brand.LogoFileName!)));
        // The refused PDF was stored while it was read and removed once judged.
        Assert.Empty(Directory.GetFiles(Portal.UploadFolder, "*.pdf"));
    }
}
