using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Billing;

namespace SmsPortal.Infrastructure.Billing;

/// <summary>The billing tables, applied from one line of SmsPortalDbContext.OnModelCreating.</summary>
internal static class BillingModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.ApplyConfiguration(new PackageConfiguration());
        builder.ApplyConfiguration(new PackagePriceConfiguration());
        builder.ApplyConfiguration(new OrderConfiguration());
        builder.ApplyConfiguration(new PaymentConfiguration());
        builder.ApplyConfiguration(new PaymentNotificationConfiguration());
        builder.ApplyConfiguration(new InvoiceConfiguration());
        builder.ApplyConfiguration(new BillingAuditEntryConfiguration());
        builder.ApplyConfiguration(new BillingCounterConfiguration());
        builder.ApplyConfiguration(new BillingSecretConfiguration());
    }
}

internal sealed class PackageConfiguration : IEntityTypeConfiguration<Package>
{
    public void Configure(EntityTypeBuilder<Package> package)
    {
        package.Property(p => p.Name).HasMaxLength(Package.NameMaxLength);
        package.Property(p => p.Price).HasPrecision(12, 2);
        package.HasOne<Account>().WithMany().HasForeignKey(p => p.SellerAccountId).OnDelete(DeleteBehavior.Restrict);
        package.HasIndex(p => new { p.SellerAccountId, p.IsActive });
    }
}

internal sealed class PackagePriceConfiguration : IEntityTypeConfiguration<PackagePrice>
{
    public void Configure(EntityTypeBuilder<PackagePrice> price)
    {
        price.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
        price.HasOne<Package>().WithMany().HasForeignKey(p => p.PackageId).OnDelete(DeleteBehavior.Cascade);
        price.HasIndex(p => new { p.AccountId, p.PackageId }).IsUnique();
        price.Property(p => p.Price).HasPrecision(12, 2);
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> order)
    {
        order.ToTable("Orders");
        order.HasOne<Account>().WithMany().HasForeignKey(o => o.AccountId).OnDelete(DeleteBehavior.Restrict);
        order.HasOne<Package>().WithMany().HasForeignKey(o => o.PackageId).OnDelete(DeleteBehavior.Restrict);
        order.Property(o => o.PackageName).HasMaxLength(Package.NameMaxLength);
        order.Property(o => o.Amount).HasPrecision(12, 2);
        order.Property(o => o.Gateway).HasMaxLength(32);
        order.Property(o => o.CreatedByUserId).HasMaxLength(450);
        order.Ignore(o => o.Number);
        order.Ignore(o => o.ValidUntil);
        order.HasIndex(o => new { o.AccountId, o.Id });
        order.HasIndex(o => new { o.Status, o.Id });
        order.HasOne<Account>().WithMany().HasForeignKey(o => o.SellerAccountId).OnDelete(DeleteBehavior.Restrict);
        // The reseller's orders still waiting for credits, found on each of its top-ups.
        order.HasIndex(o => new { o.SellerAccountId, o.AwaitingCredits, o.Id });
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> payment)
    {
        payment.HasOne<Order>().WithMany().HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Restrict);
        payment.Property(p => p.Gateway).HasMaxLength(32);
        payment.Property(p => p.TransactionId).HasMaxLength(100);
        payment.Property(p => p.Amount).HasPrecision(12, 2);
        payment.Property(p => p.ConfirmedByUserId).HasMaxLength(450);
        // One payment per order, one order per gateway transaction: credits are added exactly once.
        payment.HasIndex(p => p.OrderId).IsUnique();
        payment.HasIndex(p => new { p.Gateway, p.TransactionId }).IsUnique();
    }
}

internal sealed class PaymentNotificationConfiguration : IEntityTypeConfiguration<PaymentNotification>
{
    public void Configure(EntityTypeBuilder<PaymentNotification> notification)
    {
        notification.Property(n => n.Gateway).HasMaxLength(32);
        notification.Property(n => n.NotificationId).HasMaxLength(100);
        notification.Property(n => n.Outcome).HasMaxLength(40);
        notification.Property(n => n.Raw).HasMaxLength(4000);
        notification.HasIndex(n => new { n.Gateway, n.NotificationId }).IsUnique();
        notification.HasIndex(n => n.OrderId);
    }
}

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> invoice)
    {
        invoice.HasOne<Order>().WithMany().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Restrict);
        invoice.HasOne<Account>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Restrict);
        invoice.Property(i => i.Title).HasMaxLength(Invoice.TitleMaxLength);
        invoice.Property(i => i.TaxNumber).HasMaxLength(Invoice.TaxNumberMaxLength);
        invoice.Property(i => i.AddressAndPhone).HasMaxLength(Invoice.LineMaxLength);
        invoice.Property(i => i.BankAndAccount).HasMaxLength(Invoice.LineMaxLength);
        invoice.Property(i => i.Amount).HasPrecision(12, 2);
        invoice.Property(i => i.RequestedByUserId).HasMaxLength(450);
        invoice.Property(i => i.IssuedByUserId).HasMaxLength(450);
        invoice.Ignore(i => i.DisplayNumber);
        invoice.HasOne<Account>().WithMany().HasForeignKey(i => i.SellerAccountId).OnDelete(DeleteBehavior.Restrict);
        // One invoice per order; one invoice per number of each seller's sequence (the platform's, each reseller's).
        invoice.HasIndex(i => i.OrderId).IsUnique();
        invoice.HasIndex(i => i.Number).IsUnique().HasFilter("\"Number\" IS NOT NULL AND \"SellerAccountId\" IS NULL");
        invoice.HasIndex(i => new { i.SellerAccountId, i.Number }).IsUnique().HasFilter("\"Number\" IS NOT NULL AND \"SellerAccountId\" IS NOT NULL");
        invoice.HasIndex(i => new { i.AccountId, i.Id });
        invoice.HasIndex(i => new { i.Status, i.Id });
    }
}

internal sealed class BillingAuditEntryConfiguration : IEntityTypeConfiguration<BillingAuditEntry>
{
    public void Configure(EntityTypeBuilder<BillingAuditEntry> entry)
    {
        entry.Property(e => e.ActorUserId).HasMaxLength(450);
        entry.Property(e => e.ActorEmail).HasMaxLength(256);
        entry.Property(e => e.Subject).HasMaxLength(100);
        entry.Property(e => e.Detail).HasMaxLength(500);
        entry.Property(e => e.Reason).HasMaxLength(500);
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.AccountId, e.Id });
    }
}

internal sealed class BillingCounterConfiguration : IEntityTypeConfiguration<BillingCounter>
{
    public void Configure(EntityTypeBuilder<BillingCounter> counter)
    {
        counter.HasKey(c => c.Name);
        counter.Property(c => c.Name).HasMaxLength(40);
        counter.HasData(new BillingCounter { Name = BillingCounter.Invoice, Value = 0 });
    }
}

internal sealed class BillingSecretConfiguration : IEntityTypeConfiguration<BillingSecret>
{
    public void Configure(EntityTypeBuilder<BillingSecret> secret)
    {
        secret.HasKey(s => s.Name);
        secret.Property(s => s.Name).HasMaxLength(40);
        secret.Property(s => s.ProtectedValue).HasMaxLength(1000);
    }
}
