using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.International;

namespace SmsPortal.Infrastructure.International;

/// <summary>The international price lists, applied from one line of SmsPortalDbContext.OnModelCreating.</summary>
internal static class InternationalModel
{
    public static void Configure(ModelBuilder builder) => builder.Entity<InternationalPrice>(price =>
    {
        price.HasOne<Account>().WithMany().HasForeignKey(p => p.SellerAccountId).OnDelete(DeleteBehavior.Cascade);
        price.Property(p => p.CountryCode).HasMaxLength(4);
        price.Property(p => p.Prefix).HasMaxLength(InternationalPrice.MaxPrefixLength);
        price.Property(p => p.Network).HasMaxLength(InternationalPrice.MaxNetworkLength);

        // One line per (list, country, prefix): the platform's list has no seller, so it has an index of its own.
        price.HasIndex(p => new { p.CountryCode, p.Prefix }).IsUnique().HasFilter("\"SellerAccountId\" IS NULL");
        price.HasIndex(p => new { p.SellerAccountId, p.CountryCode, p.Prefix }).IsUnique().HasFilter("\"SellerAccountId\" IS NOT NULL");
    });
}
