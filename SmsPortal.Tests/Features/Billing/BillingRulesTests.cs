using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Billing;

/// <summary>Refusals: each one answers with a reason and leaves the books as they were.</summary>
public sealed class BillingRulesTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Theory]
    [InlineData("", 1000, "55", 365, "Error.PackageName")]
    [InlineData("Starter", 0, "55", 365, "Error.PackageSms")]
    [InlineData("Starter", -1000, "55", 365, "Error.PackageSms")]
    [InlineData("Starter", 100_000_001, "55", 365, "Error.PackageSms")]
    [InlineData("Starter", 1000, "0", 365, "Error.Price")]
    [InlineData("Starter", 1000, "-55", 365, "Error.Price")]
    [InlineData("Starter", 1000, "55.001", 365, "Error.Price")]
    [InlineData("Starter", 1000, "10000000.01", 365, "Error.Price")]
    [InlineData("Starter", 1000, "55", 0, "Error.PackageValidity")]
    [InlineData("Starter", 1000, "55", 3651, "Error.PackageValidity")]
    public async Task ABadPackageIsRefusedAndNothingIsStored(string name, long sms, string price, int days, string error)
    {
        var before = await Portal.QueryAsync(db => db.Packages.CountAsync());

        var result = await Portal.Service<PackageService>().SaveAsync(null, new PackageInput(name, sms, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), days, true), BillingWorld.Admin, CancellationToken.None);

        Assert.Equal(error, result.Error);
        Assert.Equal(before, await Portal.QueryAsync(db => db.Packages.CountAsync()));
    }

    [Theory]
    [InlineData(0, "goodwill", "Error.AdjustmentAmount")]
    [InlineData(10_000_001, "goodwill", "Error.AdjustmentAmount")]
    [InlineData(-10_000_001, "goodwill", "Error.AdjustmentAmount")]
    [InlineData(long.MinValue, "goodwill", "Error.AdjustmentAmount")]
    [InlineData(100, "", "Error.AdjustmentReason")]
    [InlineData(100, "   ", "Error.AdjustmentReason")]
    [InlineData(-101, "take back", "Error.AdjustmentBelowZero")]
    public async Task ABadAdjustmentIsRefusedAndNothingChanges(long amount, string reason, string error)
    {
        var account = await BillingWorld.NewAccountAsync(Portal);
        var apiId = await Portal.QueryAsync(db => db.Accounts.Where(a => a.Id == account).Select(a => a.ApiId).SingleAsync());
        Assert.True((await Portal.Service<AdjustmentService>().AdjustAsync(apiId, 100, "opening credits", BillingWorld.Admin, CancellationToken.None)).Ok);
        var audits = await Portal.QueryAsync(db => db.BillingAuditEntries.CountAsync(a => a.AccountId == account));

        var result = await Portal.Service<AdjustmentService>().AdjustAsync(apiId, amount, reason, BillingWorld.Admin, CancellationToken.None);

        Assert.Equal(error, result.Error);
        Assert.Equal(100, await BillingWorld.BalanceAsync(Portal, account));
        Assert.Equal(audits, await Portal.QueryAsync(db => db.BillingAuditEntries.CountAsync(a => a.AccountId == account)));
    }

    [Fact]
    public async Task AnAdjustmentGoesThroughTheLedgerAndIsAuditedWithWhoWhatAndWhy()
    {
        var account = await BillingWorld.NewAccountAsync(Portal);
        var apiId = await Portal.QueryAsync(db => db.Accounts.Where(a => a.Id == account).Select(a => a.ApiId).SingleAsync());

        Assert.True((await Portal.Service<AdjustmentService>().AdjustAsync(apiId, 250, "Compensation for outage INC-42", BillingWorld.Admin, CancellationToken.None)).Ok);
        Assert.True((await Portal.Service<AdjustmentService>().AdjustAsync(apiId, -50, "Double top-up corrected", BillingWorld.Admin, CancellationToken.None)).Ok);

        Assert.Equal(200, await BillingWorld.BalanceAsync(Portal, account));
        var audit = await Portal.QueryAsync(db => db.BillingAuditEntries.Where(a => a.AccountId == account).OrderBy(a => a.Id).ToListAsync());
        Assert.Collection(audit,
            a => { Assert.Equal(BillingAction.Adjustment, a.Action); Assert.Equal(PortalFactory.AdminEmail, a.ActorEmail); Assert.Equal("Compensation for outage INC-42", a.Reason); Assert.Equal(("0", "250"), BeforeAndAfter(a.Detail)); },
            a => { Assert.Equal("Double top-up corrected", a.Reason); Assert.Equal(("250", "200"), BeforeAndAfter(a.Detail)); });
        Assert.Equal("Error.UnknownAccount", (await Portal.Service<AdjustmentService>().AdjustAsync("C00000000", 5, "nobody", BillingWorld.Admin, CancellationToken.None)).Error);
    }

    [Fact]
    public async Task AnAccountPaysItsOwnPriceAndAnInactivePackageCannotBeOrdered()
    {
        var reseller = await BillingWorld.NewAccountAsync(Portal, "Reseller Co");
        var other = await BillingWorld.NewAccountAsync(Portal, "Other Co");
        var apiId = await Portal.QueryAsync(db => db.Accounts.Where(a => a.Id == reseller).Select(a => a.ApiId).SingleAsync());
        var packages = Portal.Service<PackageService>();
        var package = await BillingWorld.NewPackageAsync(Portal, sms: 10_000, price: 450m);

        Assert.Equal("Error.Price", (await packages.SetPriceAsync(apiId, package, -1m, BillingWorld.Admin, CancellationToken.None)).Error);
        Assert.Equal("Error.UnknownAccount", (await packages.SetPriceAsync("nobody", package, 400m, BillingWorld.Admin, CancellationToken.None)).Error);
        Assert.True((await packages.SetPriceAsync(apiId, package, 380m, BillingWorld.Admin, CancellationToken.None)).Ok);

        Assert.Equal(380m, (await BillingWorld.NewOrderAsync(Portal, reseller, package)).Amount);
        Assert.Equal(450m, (await BillingWorld.NewOrderAsync(Portal, other, package)).Amount);
        Assert.Equal(380m, (await packages.OffersAsync(reseller, CancellationToken.None)).Single(o => o.PackageId == package).Price);

        var row = (await packages.ListAsync(CancellationToken.None)).Single(p => p.Id == package);
        Assert.True((await packages.SaveAsync(package, new PackageInput(row.Name, row.Sms, row.Price, row.ValidityDays, IsActive: false), BillingWorld.Admin, CancellationToken.None)).Ok);
        Assert.Equal("Error.UnknownPackage", (await Portal.Service<OrderService>().PlaceAsync(other, package, null, CancellationToken.None)).Error);
        Assert.DoesNotContain(await packages.OffersAsync(other, CancellationToken.None), o => o.PackageId == package);
    }

    [Fact]
    public async Task AnAccountCannotPileUpUnpaidOrders()
    {
        var account = await BillingWorld.NewAccountAsync(Portal);
        var package = await BillingWorld.NewPackageAsync(Portal, sms: 10, price: 1m);
        for (var i = 0; i < OrderService.MaxPendingOrders; i++)
        {
            await BillingWorld.NewOrderAsync(Portal, account, package);
        }

        Assert.Equal("Error.TooManyPending", (await Portal.Service<OrderService>().PlaceAsync(account, package, null, CancellationToken.None)).Error);
    }

    [Theory]
    [InlineData("SO20261123000042", 42L)]
    [InlineData("so20261123123456789", 123456789L)]
    [InlineData("SO2026112300004x", null)]
    [InlineData("20261123000042", null)]
    [InlineData("SO20261123000000", null)]
    [InlineData(null, null)]
    public void OrderNumbersNameTheirOrder(string? number, long? id)
    {
        Assert.Equal(id, Order.IdOfNumber(number));
        if (id is { } value)
        {
            Assert.Equal(number!.ToUpperInvariant(), Order.FormatNumber(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero), value));
        }
    }

    private static (string Before, string After) BeforeAndAfter(string detail)
    {
        var keyed = KeyedText.Parse(detail);
        Assert.NotNull(keyed);
        return (keyed.Values["before"], keyed.Values["after"]);
    }
}
