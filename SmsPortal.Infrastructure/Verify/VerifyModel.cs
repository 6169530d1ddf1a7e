using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Verify;

namespace SmsPortal.Infrastructure.Verify;

/// <summary>The storage of Verify: services and their verifications.</summary>
public static class VerifyModel
{
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<VerifyService>(service =>
        {
            service.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Restrict);
            service.Property(s => s.Sid).HasMaxLength(34);
            service.HasIndex(s => s.Sid).IsUnique();
            service.HasIndex(s => new { s.AccountId, s.Id });
            service.Property(s => s.Name).HasMaxLength(VerifyService.NameMaxLength);
            service.Property(s => s.AllowedCountries).HasMaxLength(200);
            service.Ignore(s => s.AllowedCountryList);
            service.Ignore(s => s.Settings);
        });

        builder.Entity<Verification>(verification =>
        {
            verification.HasOne<VerifyService>().WithMany().HasForeignKey(v => v.ServiceId).OnDelete(DeleteBehavior.Restrict);
            verification.Property(v => v.Sid).HasMaxLength(34);
            verification.HasIndex(v => v.Sid).IsUnique();
            verification.Property(v => v.Mobile).HasMaxLength(24);
            verification.Property(v => v.Channel).HasMaxLength(8);
            verification.Property(v => v.Locale).HasMaxLength(16);
            verification.Property(v => v.CodeSeed).HasMaxLength(VerificationCodes.SeedBytes);
            verification.Property(v => v.CodeHash).HasMaxLength(32);
            verification.Property(v => v.CallAnswer).HasMaxLength(Verification.CallAnswerMaxLength);
            verification.HasIndex(v => v.CallDueAt);

            // At most one pending code per number and service, held by the database so two nodes cannot both start one.
            verification.HasIndex(v => new { v.ServiceId, v.Mobile }, "IX_Verifications_OnePending").IsUnique().HasFilter("\"Status\" = 0");
            verification.HasIndex(v => new { v.ServiceId, v.Mobile, v.Id });
            verification.HasIndex(v => new { v.ServiceId, v.CreatedAt });
        });
    }
}
