using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Abuse;
using SmsPortal.Domain.Accounts;

namespace SmsPortal.Infrastructure.Abuse;

/// <summary>The storage of the abuse defence: range blocks and the hourly counts of what was refused.</summary>
public static class AbuseModel
{
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<RangeBlock>(block =>
        {
            block.HasOne<Account>().WithMany().HasForeignKey(b => b.AccountId).OnDelete(DeleteBehavior.Restrict);
            block.Property(b => b.Range).HasMaxLength(RangeBlock.RangeMaxLength);
            block.HasIndex(b => new { b.AccountId, b.ExpiresAt });
            block.HasIndex(b => b.ExpiresAt);
        });

        builder.Entity<AbuseRefusal>(refusal =>
        {
            refusal.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Restrict);
            refusal.Property(r => r.Subject).HasMaxLength(AbuseRefusal.SubjectMaxLength);

            // One row per account, service, rule, subject and hour: the upsert's key.
            refusal.HasIndex(r => new { r.AccountId, r.ServiceId, r.Rule, r.Subject, r.Hour }).IsUnique();
            refusal.HasIndex(r => new { r.AccountId, r.LastAt });
        });
    }
}
