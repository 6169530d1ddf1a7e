using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Resellers;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Resellers;

/// <summary>
/// What a reseller sells its customers: its own packages and per-customer prices, none below its wholesale cost for
/// that many credits (<see cref="WholesaleRules"/>), and the tax details it invoices them with. Every query is bounded
/// by the reseller's account id: another reseller's package or customer is "unknown" here.
/// </summary>
public sealed class ResellerCatalogue(IDbContextFactory<SmsPortalDbContext> contexts, Brands brands, TimeProvider clock)
{
    public async Task<IReadOnlyList<ResellerPackageRow>> PackagesAsync(int resellerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await WholesaleAsync(db, resellerId, cancellationToken) is not { } wholesale)
        {
            return [];
        }

        var packages = await db.Packages.AsNoTracking().Where(p => p.SellerAccountId == resellerId).ToListAsync(cancellationToken);
        return packages.OrderByDescending(p => p.IsActive).ThenBy(p => p.Sms)
            .Select(p => new ResellerPackageRow(p.Id, p.Name, p.Sms, p.Price, Cost(wholesale, p.Sms), p.ValidityDays, p.IsActive, p.MoneyFen)).ToList();
    }

    /// <summary>The reseller's wholesale cost of this many credits, for the page to show beside a price being typed.</summary>
    public async Task<decimal?> CostAsync(int resellerId, long sms, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await WholesaleAsync(db, resellerId, cancellationToken) is { } wholesale && sms > 0 ? Cost(wholesale, sms) : null;
    }

    public async Task<BillingResult> SavePackageAsync(int resellerId, int? packageId, PackageInput input, BillingActor actor, CancellationToken cancellationToken)
    {
        // Money for international SMS costs the reseller nothing up front: it pays the platform per send (decision 0034).
        if (PackageRules.Check(input.Name, input.Sms, input.Price, input.ValidityDays, input.MoneyFen) is { } error)
        {
            return BillingResult.Refused(error);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await WholesaleAsync(db, resellerId, cancellationToken) is not { } wholesale)
        {
            return BillingResult.Refused("Error.NotAReseller");
        }

        var cost = Cost(wholesale, input.Sms);
        if (WholesaleRules.CheckRetailPrice(input.Price, cost) is { } below)
        {
            return BillingResult.Refused(below);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Package package;
        if (packageId is { } id)
        {
            var found = await db.Packages.SingleOrDefaultAsync(p => p.Id == id && p.SellerAccountId == resellerId, cancellationToken);
            if (found is null)
            {
                return BillingResult.Refused("Error.UnknownPackage");
            }

            // A customer's own price stays at or above the cost of the package's credits, however many it now holds.
            if (await db.PackagePrices.AnyAsync(p => p.PackageId == id && p.Price < cost, cancellationToken))
            {
                return BillingResult.Refused("Error.CustomerPriceBelowCost");
            }

            package = found;
        }
        else
        {
            package = new Package { Name = input.Name!.Trim(), CreatedAt = clock.GetUtcNow(), SellerAccountId = resellerId };
            db.Packages.Add(package);
        }

        package.Name = input.Name!.Trim();
        package.Sms = input.Sms;
        package.Price = input.Price;
        package.ValidityDays = input.ValidityDays;
        package.IsActive = input.IsActive;
        package.MoneyFen = input.MoneyFen;
        db.BillingAuditEntries.Add(Audit.Entry(clock, actor, packageId is null ? BillingAction.PackageCreated : BillingAction.PackageChanged, resellerId, package.Name,
            KeyedText.Of("Audit.PackageCreated", ("name", package.Name), ("sms", package.Sms), ("price", Audit.Money(package.Price)), ("days", package.ValidityDays), ("sale", package.IsActive)), null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return BillingResult.Done(package.Id);
    }

    public async Task<IReadOnlyList<ResellerPriceRow>> PricesAsync(int resellerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await WholesaleAsync(db, resellerId, cancellationToken) is not { } wholesale)
        {
            return [];
        }

        var rows = await (from price in db.PackagePrices.AsNoTracking()
                          join package in db.Packages on price.PackageId equals package.Id
                          join customer in db.Accounts on price.AccountId equals customer.Id
                          where package.SellerAccountId == resellerId && customer.ParentAccountId == resellerId
                          select new { price.Id, customer.ApiId, customer.Name, PackageId = package.Id, PackageName = package.Name, package.Sms, ListPrice = package.Price, price.Price })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Name, StringComparer.CurrentCulture).ThenBy(r => r.Sms)
            .Select(r => new ResellerPriceRow(r.Id, r.ApiId, r.Name, r.PackageId, r.PackageName, r.ListPrice, r.Price, Cost(wholesale, r.Sms))).ToList();
    }

    /// <summary>Sets (or replaces) what one of the reseller's customers pays for one of its packages: never below the cost.</summary>
    public async Task<BillingResult> SetPriceAsync(int resellerId, string? customerApiId, int packageId, decimal price, BillingActor actor, CancellationToken cancellationToken)
    {
        if (PackageRules.CheckPrice(price) is { } error)
        {
            return BillingResult.Refused(error);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await WholesaleAsync(db, resellerId, cancellationToken) is not { } wholesale)
        {
            return BillingResult.Refused("Error.NotAReseller");
        }

        var apiId = (customerApiId ?? "").Trim();
        var customer = await db.Accounts.Where(a => a.ApiId == apiId && a.ParentAccountId == resellerId).Select(a => (int?)a.Id).SingleOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return BillingResult.Refused("Error.NotYourCustomer");
        }

        var package = await db.Packages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == packageId && p.SellerAccountId == resellerId, cancellationToken);
        if (package is null)
        {
            return BillingResult.Refused("Error.UnknownPackage");
        }

        if (WholesaleRules.CheckRetailPrice(price, Cost(wholesale, package.Sms)) is { } below)
        {
            return BillingResult.Refused(below);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.PackagePrices.SingleOrDefaultAsync(p => p.AccountId == customer && p.PackageId == packageId, cancellationToken);
        var before = existing?.Price ?? package.Price;
        if (existing is null)
        {
            db.PackagePrices.Add(new PackagePrice { AccountId = customer.Value, PackageId = packageId, Price = price });
        }
        else
        {
            existing.Price = price;
        }

        db.BillingAuditEntries.Add(Audit.Entry(clock, actor, BillingAction.PriceSet, customer, package.Name,
            KeyedText.Of("Audit.PriceSet", ("old", Audit.Money(before)), ("price", Audit.Money(price))), null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return BillingResult.Done();
    }

    public Task<BillingResult> RemovePriceAsync(int resellerId, int priceId, BillingActor actor, CancellationToken cancellationToken) =>
        PackageService.RemovePriceAsync(contexts, clock,
            db => p => p.Id == priceId && db.Packages.Any(x => x.Id == p.PackageId && x.SellerAccountId == resellerId) && db.Accounts.Any(a => a.Id == p.AccountId && a.ParentAccountId == resellerId),
            actor, cancellationToken);

    public async Task<SellerTaxDetails?> TaxDetailsAsync(int resellerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ResellerBrands.AsNoTracking().Where(b => b.AccountId == resellerId)
            .Select(b => new SellerTaxDetails(b.TaxName, b.TaxNumber, b.TaxAddressAndPhone, b.TaxBankAndAccount)).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<BillingResult> SaveTaxDetailsAsync(int resellerId, SellerTaxDetails details, BillingActor actor, CancellationToken cancellationToken)
    {
        if (WholesaleRules.CheckTaxDetails(details.Name, details.TaxNumber, details.AddressAndPhone, details.BankAndAccount) is { } error)
        {
            return BillingResult.Refused(error);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var brand = await db.ResellerBrands.SingleOrDefaultAsync(b => b.AccountId == resellerId && db.Accounts.Any(a => a.Id == resellerId && a.Kind == AccountKind.Reseller), cancellationToken);
        if (brand is null)
        {
            return BillingResult.Refused("Error.NotAReseller");
        }

        brand.TaxName = details.Name!.Trim();
        brand.TaxNumber = details.TaxNumber!.Trim().ToUpperInvariant();
        brand.TaxAddressAndPhone = details.AddressAndPhone!.Trim();
        brand.TaxBankAndAccount = details.BankAndAccount!.Trim();
        brand.UpdatedAt = clock.GetUtcNow();
        db.BillingAuditEntries.Add(Audit.Entry(clock, actor, BillingAction.InvoiceDetailsSaved, resellerId, brand.TaxName,
            KeyedText.Of("Audit.InvoiceDetailsSaved", ("name", brand.TaxName), ("tax", brand.TaxNumber)), null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        brands.Forget();
        return BillingResult.Done();
    }

    /// <summary>The reseller's paid sales still waiting for credits (its balance was short), oldest first.</summary>
    public async Task<IReadOnlyList<OrderRow>> WaitingSalesAsync(int resellerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Orders.AsNoTracking().Where(o => o.SellerAccountId == resellerId && o.AwaitingCredits).OrderBy(o => o.Id).Take(200)
            .Select(o => new OrderRow(o.Id, Order.FormatNumber(o.CreatedAt, o.Id), o.AccountId, db.Accounts.Where(a => a.Id == o.AccountId).Select(a => a.Name).First(),
                o.PackageName, o.Sms, o.Amount, o.Status, o.Gateway, o.CreatedAt, o.PaidAt, o.ValidityDays, false, o.AwaitingCredits, o.SellerAccountId))
            .ToListAsync(cancellationToken);
    }

    private static Task<ResellerBrand?> WholesaleAsync(SmsPortalDbContext db, int resellerId, CancellationToken cancellationToken) =>
        db.ResellerBrands.AsNoTracking().SingleOrDefaultAsync(b => b.AccountId == resellerId && db.Accounts.Any(a => a.Id == resellerId && a.Kind == AccountKind.Reseller), cancellationToken);

    private static decimal Cost(ResellerBrand wholesale, long sms) => WholesaleRules.CostOf(wholesale.WholesaleUnit, wholesale.WholesalePrice, wholesale.WholesalePackageSms, sms);
}
