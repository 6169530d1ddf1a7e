using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Resellers;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Review;

namespace SmsPortal.Infrastructure.Resellers;

public sealed record ResellerRow(int AccountId, string ApiId, string AccountName, string DisplayName, IReadOnlyList<string> Hosts, WholesaleUnit WholesaleUnit, decimal WholesalePrice, int? WholesalePackageSms, long Balance, int Customers);

/// <summary>The admins' side of resellers: turn an account into one, keep its prices and brand, upload its logo; audited.</summary>
public sealed class ResellerAdministration(IDbContextFactory<SmsPortalDbContext> contexts, UploadedDocuments uploads, Brands brands, TimeProvider clock)
{
    public async Task<IReadOnlyList<ResellerRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ResellerBrands.AsNoTracking()
            .Join(db.Accounts, b => b.AccountId, a => a.Id, (b, a) => new { b, a })
            .OrderBy(x => x.a.Id)
            .Select(x => new
            {
                x.a.Id, x.a.ApiId, x.a.Name, x.b.DisplayName, x.b.WholesaleUnit, x.b.WholesalePrice, x.b.WholesalePackageSms,
                Balance = db.LedgerEntries.Where(e => e.AccountId == x.a.Id && e.Currency == LedgerCurrency.Credits).OrderByDescending(e => e.Id).Select(e => e.BalanceAfter).FirstOrDefault(),
                Customers = db.Accounts.Count(c => c.ParentAccountId == x.a.Id),
            })
            .ToListAsync(cancellationToken);
        var hosts = await db.ResellerHosts.AsNoTracking().OrderBy(h => h.Name).ToListAsync(cancellationToken);
        return rows.Select(r => new ResellerRow(r.Id, r.ApiId, r.Name, r.DisplayName, hosts.Where(h => h.AccountId == r.Id).Select(h => h.Name).ToList(),
            r.WholesaleUnit, r.WholesalePrice, r.WholesalePackageSms, r.Balance, r.Customers)).ToList();
    }

    /// <summary>The reseller's settings as stored, for the edit form; null when the account is not a reseller.</summary>
    public async Task<ResellerSettings?> GetAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var brand = await db.ResellerBrands.AsNoTracking().Include(b => b.Hosts).SingleOrDefaultAsync(b => b.AccountId == accountId, cancellationToken);
        return brand is null ? null : new ResellerSettings(brand.DisplayName, brand.PrimaryColour, brand.SecondaryColour, brand.SupportPhone, brand.SupportEmail,
            brand.DefaultSignature, brand.Hosts.Select(h => h.Name).Order(StringComparer.Ordinal).ToList(), brand.WholesaleUnit, brand.WholesalePrice, brand.WholesalePackageSms, brand.TrialCredits);
    }

    /// <summary>
    /// Makes the account with this API ID a reseller with these settings, or changes a reseller's settings. A customer that
    /// already belongs to a reseller cannot become one (resellers do not nest).
    /// </summary>
    public async Task<BillingResult> SaveAsync(string? apiId, ResellerSettings settings, BillingActor admin, CancellationToken cancellationToken)
    {
        if (ResellerRules.Check(settings) is { } error)
        {
            return BillingResult.Refused(error);
        }

        var hosts = settings.Hosts.Select(h => ResellerRules.NormaliseHost(h)!).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = (apiId ?? "").Trim();
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.ApiId == id, cancellationToken);
        if (account is null)
        {
            return BillingResult.Refused("Error.UnknownAccount");
        }

        if (account.ParentAccountId is not null)
        {
            return BillingResult.Refused("Error.ResellerOfAReseller");
        }

        if (await db.ResellerHosts.AnyAsync(h => hosts.Contains(h.Name) && h.AccountId != account.Id, cancellationToken))
        {
            return BillingResult.Refused("Error.ResellerHostTaken");
        }

        var brand = await db.ResellerBrands.Include(b => b.Hosts).SingleOrDefaultAsync(b => b.AccountId == account.Id, cancellationToken);
        var created = brand is null;
        if (brand is null)
        {
            brand = new ResellerBrand { AccountId = account.Id, DisplayName = "" };
            db.ResellerBrands.Add(brand);
        }

        brand.DisplayName = settings.DisplayName!.Trim();
        brand.PrimaryColour = settings.PrimaryColour!.ToUpperInvariant();
        brand.SecondaryColour = settings.SecondaryColour!.ToUpperInvariant();
        brand.SupportPhone = Blank(settings.SupportPhone);
        brand.SupportEmail = Blank(settings.SupportEmail);
        brand.DefaultSignature = Blank(settings.DefaultSignature);
        brand.WholesaleUnit = settings.WholesaleUnit;
        brand.WholesalePrice = settings.WholesalePrice;
        brand.WholesalePackageSms = settings.WholesalePackageSms;
        brand.TrialCredits = settings.TrialCredits;
        brand.UpdatedAt = clock.GetUtcNow();
        brand.Hosts.RemoveAll(h => !hosts.Contains(h.Name));
        foreach (var host in hosts.Where(h => brand.Hosts.All(x => x.Name != h)))
        {
            brand.Hosts.Add(new ResellerHost { AccountId = account.Id, Name = host });
        }

        account.Kind = AccountKind.Reseller;
        // Its people get the Reseller role (the console shows them their customers from their next sign-in).
        var role = await db.Roles.Where(r => r.Name == Identity.Roles.Reseller).Select(r => r.Id).SingleAsync(cancellationToken);
        var people = await db.Users.Where(u => u.AccountId == account.Id && !db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == role)).Select(u => u.Id).ToListAsync(cancellationToken);
        db.UserRoles.AddRange(people.Select(u => new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = u, RoleId = role }));
        var price = settings.WholesalePrice.ToString("0.####", CultureInfo.InvariantCulture);
        db.BillingAuditEntries.Add(Audit.Entry(clock, admin, BillingAction.ResellerSaved, account.Id, account.Name,
            KeyedText.Of(created ? "Audit.ResellerCreated" : "Audit.ResellerChanged", ("name", brand.DisplayName.Length > 20 ? brand.DisplayName[..20] : brand.DisplayName),
                ("price", price), ("unit", settings.WholesaleUnit), ("sms", settings.WholesalePackageSms), ("hosts", string.Join(' ', hosts))),
            null));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another reseller took one of the host names between the check and the save: the unique index decides.
            return BillingResult.Refused("Error.ResellerHostTaken");
        }

        brands.Forget();
        return BillingResult.Done(account.Id);
    }

    /// <summary>Replaces the reseller's logo with an upload judged by its content: PNG or JPEG only, within the upload size.</summary>
    public async Task<UploadProblem?> SetLogoAsync(int accountId, Stream content, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var brand = await db.ResellerBrands.SingleOrDefaultAsync(b => b.AccountId == accountId, cancellationToken)
            ?? throw new InvalidOperationException($"Account {accountId} is not a reseller.");
        var saved = await uploads.SaveAsync(content, cancellationToken);
        if (saved.Problem is { } problem)
        {
            return problem;
        }

        if (saved.Document!.Type == DocumentType.Pdf)
        {
            uploads.Delete(saved.Document);
            return UploadProblem.NotAnImageOrPdf;
        }

        var previous = brand.LogoFileName;
        brand.LogoFileName = saved.Document.FileName;
        brand.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        if (previous is not null)
        {
            uploads.Delete(new StoredDocument { FileName = previous, Type = TypeOf(previous) });
        }

        brands.Forget();
        return null;
    }

    internal static DocumentType TypeOf(string fileName) => fileName.EndsWith(".png", StringComparison.Ordinal) ? DocumentType.Png : DocumentType.Jpeg;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
