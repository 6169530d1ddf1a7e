using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Persistence;

namespace SmsPortal.Infrastructure.Billing;

public sealed record PackageRow(int Id, string Name, long Sms, decimal Price, int ValidityDays, bool IsActive, int Overrides, long MoneyFen = 0);

/// <summary>A package as one account sees it: its own price when it has one.</summary>
public sealed record OfferRow(int PackageId, string Name, long Sms, decimal ListPrice, decimal Price, int ValidityDays, long MoneyFen = 0)
{
    public decimal PricePerSms => Sms == 0 ? 0 : Price / Sms;
}

public sealed record PriceRow(int Id, int AccountId, string AccountName, string ApiId, int PackageId, string PackageName, decimal ListPrice, decimal Price);

public sealed record PackageInput(string? Name, long Sms, decimal Price, int ValidityDays, bool IsActive)
{
    /// <summary>Money (CNY fen) the package adds for international SMS; 0 for a package of SMS only.</summary>
    public long MoneyFen { get; init; }
}

/// <summary>Packages for sale and the prices accounts pay for them.</summary>
public sealed class PackageService(IDbContextFactory<SmsPortalDbContext> contexts, TimeProvider clock)
{
    /// <summary>The packages this account may buy (its reseller's, or the platform's) at the price it pays.</summary>
    public async Task<IReadOnlyList<OfferRow>> OffersAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await BuyerTerms.OfAsync(db, accountId, cancellationToken) is not { } terms)
        {
            return [];
        }

        var rows = await db.Packages.AsNoTracking()
            .Where(p => p.IsActive && p.SellerAccountId == terms.SellerAccountId)
            .Select(p => new
            {
                Package = p,
                Own = db.PackagePrices.Where(x => x.AccountId == accountId && x.PackageId == p.Id).Select(x => (decimal?)x.Price).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Package.Sms)
            .Select(r => new OfferRow(r.Package.Id, r.Package.Name, r.Package.Sms, r.Package.Price, terms.PriceOf(r.Package, r.Own), r.Package.ValidityDays, r.Package.MoneyFen))
            .ToList();
    }

    public async Task<IReadOnlyList<PackageRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Packages.AsNoTracking()
            .Where(p => p.SellerAccountId == null)
            .Select(p => new PackageRow(p.Id, p.Name, p.Sms, p.Price, p.ValidityDays, p.IsActive, db.PackagePrices.Count(x => x.PackageId == p.Id), p.MoneyFen))
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.IsActive).ThenBy(r => r.Sms).ToList();
    }

    public async Task<BillingResult> SaveAsync(int? packageId, PackageInput input, BillingActor actor, CancellationToken cancellationToken)
    {
        if (PackageRules.Check(input.Name, input.Sms, input.Price, input.ValidityDays, input.MoneyFen) is { } error)
        {
            return BillingResult.Refused(error);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var name = input.Name!.Trim();
        Package package;
        (string Name, long Sms, decimal Price, int Days, bool OnSale)? before = null;
        if (packageId is { } id)
        {
            package = await db.Packages.SingleOrDefaultAsync(p => p.Id == id && p.SellerAccountId == null, cancellationToken) ?? throw new InvalidOperationException($"Package {id} does not exist.");
            before = (package.Name, package.Sms, package.Price, package.ValidityDays, package.IsActive);
        }
        else
        {
            package = new Package { Name = name, CreatedAt = clock.GetUtcNow() };
            db.Packages.Add(package);
        }

        package.Name = name;
        package.Sms = input.Sms;
        package.MoneyFen = input.MoneyFen;
        package.Price = input.Price;
        package.ValidityDays = input.ValidityDays;
        package.IsActive = input.IsActive;
        var detail = before is { } b
            ? KeyedText.Of("Audit.PackageChanged", ("oldName", b.Name), ("oldSms", b.Sms), ("oldPrice", Audit.Money(b.Price)), ("oldDays", b.Days), ("oldSale", b.OnSale),
                ("name", package.Name), ("sms", package.Sms), ("price", Audit.Money(package.Price)), ("days", package.ValidityDays), ("sale", package.IsActive))
            : KeyedText.Of("Audit.PackageCreated", ("name", package.Name), ("sms", package.Sms), ("price", Audit.Money(package.Price)), ("days", package.ValidityDays), ("sale", package.IsActive));
        db.BillingAuditEntries.Add(Audit.Entry(clock, actor, packageId is null ? BillingAction.PackageCreated : BillingAction.PackageChanged, null, name, detail, null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return BillingResult.Done(package.Id);
    }

    public async Task<IReadOnlyList<PriceRow>> PricesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (from price in db.PackagePrices.AsNoTracking()
                      join account in db.Accounts on price.AccountId equals account.Id
                      join package in db.Packages on price.PackageId equals package.Id
                      where package.SellerAccountId == null
                      orderby account.Name, package.Sms
                      select new PriceRow(price.Id, account.Id, account.Name, account.ApiId, package.Id, package.Name, package.Price, price.Price))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Sets (or replaces) the price one account pays for one package; the account is named by its API ID.</summary>
    public async Task<BillingResult> SetPriceAsync(string? apiId, int packageId, decimal price, BillingActor actor, CancellationToken cancellationToken)
    {
        if (PackageRules.CheckPrice(price) is { } error)
        {
            return BillingResult.Refused(error);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var accountId = await db.Accounts.Where(a => a.ApiId == (apiId ?? "").Trim()).Select(a => (int?)a.Id).SingleOrDefaultAsync(cancellationToken);
        if (accountId is null)
        {
            return BillingResult.Refused("Error.UnknownAccount");
        }

        // A reseller's package is priced by the reseller, on its selling page, never here.
        var package = await db.Packages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == packageId && p.SellerAccountId == null, cancellationToken);
        if (package is null)
        {
            return BillingResult.Refused("Error.UnknownPackage");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.PackagePrices.SingleOrDefaultAsync(p => p.AccountId == accountId && p.PackageId == packageId, cancellationToken);
        var before = existing?.Price;
        if (existing is null)
        {
            db.PackagePrices.Add(new PackagePrice { AccountId = accountId.Value, PackageId = packageId, Price = price });
        }
        else
        {
            existing.Price = price;
        }

        db.BillingAuditEntries.Add(Audit.Entry(clock, actor, BillingAction.PriceSet, accountId, package.Name,
            before is null
                ? KeyedText.Of("Audit.PriceSetFromList", ("old", Audit.Money(package.Price)), ("price", Audit.Money(price)))
                : KeyedText.Of("Audit.PriceSet", ("old", Audit.Money(before.Value)), ("price", Audit.Money(price))), null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return BillingResult.Done();
    }

    public Task<BillingResult> RemovePriceAsync(int priceId, BillingActor actor, CancellationToken cancellationToken) =>
        RemovePriceAsync(contexts, clock, db => p => p.Id == priceId && db.Packages.Any(x => x.Id == p.PackageId && x.SellerAccountId == null), actor, cancellationToken);

    /// <summary>Removes the one price <paramref name="which"/> finds, audited: the platform's catalogue and each reseller's remove prices alike.</summary>
    internal static async Task<BillingResult> RemovePriceAsync(
        IDbContextFactory<SmsPortalDbContext> contexts, TimeProvider clock, Func<SmsPortalDbContext, Expression<Func<PackagePrice, bool>>> which, BillingActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var price = await db.PackagePrices.SingleOrDefaultAsync(which(db), cancellationToken);
        if (price is null)
        {
            return BillingResult.Refused("Error.UnknownPrice");
        }

        var packageName = await db.Packages.Where(p => p.Id == price.PackageId).Select(p => p.Name).SingleAsync(cancellationToken);
        db.PackagePrices.Remove(price);
        db.BillingAuditEntries.Add(Audit.Entry(clock, actor, BillingAction.PriceRemoved, price.AccountId, packageName, KeyedText.Of("Audit.PriceRemoved", ("price", Audit.Money(price.Price))), null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return BillingResult.Done();
    }
}

internal static class Audit
{
    public static BillingAuditEntry Entry(TimeProvider clock, BillingActor actor, BillingAction action, int? accountId, string? subject, string detail, string? reason) => new()
    {
        At = clock.GetUtcNow(),
        ActorUserId = actor.UserId,
        ActorEmail = actor.Email,
        Action = action,
        AccountId = accountId,
        Subject = subject is { Length: > 100 } ? subject[..100] : subject,
        Detail = detail.Length > 500 ? detail[..500] : detail,
        Reason = reason,
    };

    /// <summary>An amount as the audit stores it, whatever the server's culture.</summary>
    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
