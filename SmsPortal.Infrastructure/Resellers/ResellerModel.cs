using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Resellers;

namespace SmsPortal.Infrastructure.Resellers;

/// <summary>The reseller tables, applied from one line of SmsPortalDbContext.OnModelCreating.</summary>
internal static class ResellerModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ResellerBrand>(brand =>
        {
            brand.HasKey(b => b.AccountId);
            brand.HasOne<Account>().WithOne().HasForeignKey<ResellerBrand>(b => b.AccountId).OnDelete(DeleteBehavior.Cascade);
            brand.Property(b => b.DisplayName).HasMaxLength(ResellerBrand.DisplayNameMaxLength);
            brand.Property(b => b.PrimaryColour).HasMaxLength(7);
            brand.Property(b => b.SecondaryColour).HasMaxLength(7);
            brand.Property(b => b.SupportPhone).HasMaxLength(ResellerBrand.PhoneMaxLength);
            brand.Property(b => b.SupportEmail).HasMaxLength(ResellerBrand.EmailMaxLength);
            brand.Property(b => b.DefaultSignature).HasMaxLength(ResellerBrand.SignatureMaxLength);
            brand.Property(b => b.LogoFileName).HasMaxLength(ResellerBrand.LogoFileNameMaxLength);
            brand.Property(b => b.WholesalePrice).HasPrecision(12, 4);
            brand.Property(b => b.TaxName).HasMaxLength(Domain.Billing.Invoice.TitleMaxLength);
            brand.Property(b => b.TaxNumber).HasMaxLength(Domain.Billing.Invoice.TaxNumberMaxLength);
            brand.Property(b => b.TaxAddressAndPhone).HasMaxLength(Domain.Billing.Invoice.LineMaxLength);
            brand.Property(b => b.TaxBankAndAccount).HasMaxLength(Domain.Billing.Invoice.LineMaxLength);
            brand.HasMany(b => b.Hosts).WithOne().HasForeignKey(h => h.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ResellerHost>(host =>
        {
            host.Property(h => h.Name).HasMaxLength(ResellerHost.NameMaxLength);
            // One reseller per host name: the database says so, whatever two admins save at once.
            host.HasIndex(h => h.Name).IsUnique();
            host.HasIndex(h => h.AccountId);
        });

        builder.Entity<Account>().HasIndex(a => new { a.ParentAccountId, a.Id });
    }
}
