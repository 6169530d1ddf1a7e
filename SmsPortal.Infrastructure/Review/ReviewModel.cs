using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Review;

namespace SmsPortal.Infrastructure.Review;

/// <summary>
/// The storage of content review: verifications, the review columns of signatures and templates (their base
/// mapping stays in SmsPortalDbContext), the audit log and the sensitive words.
/// </summary>
public static class ReviewModel
{
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ApplyConfiguration(new SignatureReviewConfiguration());
        builder.ApplyConfiguration(new TemplateReviewConfiguration());
        builder.ApplyConfiguration(new EnterpriseVerificationConfiguration());
        builder.ApplyConfiguration(new ReviewAuditEntryConfiguration());
        builder.ApplyConfiguration(new SensitiveWordConfiguration());
        builder.ApplyConfiguration(new SensitiveWordListStampConfiguration());
    }
}

internal sealed class SignatureReviewConfiguration : IEntityTypeConfiguration<Signature>
{
    public void Configure(EntityTypeBuilder<Signature> signature)
    {
        // A decision is written only over the state the admin saw: two admins cannot both decide one item.
        signature.Property(s => s.State).IsConcurrencyToken();
        signature.Property(s => s.ReviewedBy).HasMaxLength(256);
        signature.ComplexProperty(s => s.Document, StoredDocumentMapping.Configure);
        signature.HasIndex(s => new { s.State, s.SubmittedAt });
    }
}

internal sealed class TemplateReviewConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> template)
    {
        template.Property(t => t.State).IsConcurrencyToken();
        template.Property(t => t.Name).HasMaxLength(MessageTemplate.NameMaxLength);
        template.Property(t => t.SampleValues).HasMaxLength(1000);
        template.Property(t => t.MaxVariableLength).HasDefaultValue(TemplateRules.DefaultMaxVariableLength);
        template.Property(t => t.ReviewedBy).HasMaxLength(256);
        template.HasIndex(t => new { t.State, t.SubmittedAt });
    }
}

internal sealed class EnterpriseVerificationConfiguration : IEntityTypeConfiguration<EnterpriseVerification>
{
    public void Configure(EntityTypeBuilder<EnterpriseVerification> verification)
    {
        verification.HasOne<Account>().WithMany().HasForeignKey(v => v.AccountId).OnDelete(DeleteBehavior.Cascade);
        verification.HasIndex(v => v.AccountId).IsUnique();
        verification.HasIndex(v => new { v.State, v.SubmittedAt });
        verification.Property(v => v.State).IsConcurrencyToken();
        verification.Property(v => v.CompanyName).HasMaxLength(EnterpriseVerification.CompanyNameMaxLength);
        verification.Property(v => v.CreditCode).HasMaxLength(UnifiedSocialCreditCode.Length);
        verification.Property(v => v.ContactName).HasMaxLength(EnterpriseVerification.ContactNameMaxLength);
        verification.Property(v => v.ContactPhone).HasMaxLength(EnterpriseVerification.ContactPhoneMaxLength);
        verification.Property(v => v.RejectionReason).HasMaxLength(ReviewFlow.MaxReasonLength);
        verification.Property(v => v.ReviewedBy).HasMaxLength(256);
        verification.ComplexProperty(v => v.Licence, StoredDocumentMapping.Configure);
    }
}

internal sealed class ReviewAuditEntryConfiguration : IEntityTypeConfiguration<ReviewAuditEntry>
{
    public void Configure(EntityTypeBuilder<ReviewAuditEntry> entry)
    {
        entry.HasOne<Account>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Cascade);
        entry.Property(e => e.ReviewerId).HasMaxLength(450);
        entry.Property(e => e.ReviewerName).HasMaxLength(256);
        entry.Property(e => e.Subject).HasMaxLength(ReviewAuditEntry.SubjectMaxLength);
        entry.Property(e => e.Reason).HasMaxLength(ReviewFlow.MaxReasonLength);
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.AccountId, e.At });
        entry.HasIndex(e => new { e.ItemKind, e.ItemId });
    }
}

internal sealed class SensitiveWordConfiguration : IEntityTypeConfiguration<SensitiveWord>
{
    public void Configure(EntityTypeBuilder<SensitiveWord> word)
    {
        word.Property(w => w.Word).HasMaxLength(SensitiveWord.MaxLength);
        word.Property(w => w.Folded).HasMaxLength(SensitiveWord.MaxLength);
        word.Property(w => w.CreatedBy).HasMaxLength(256);
        word.HasIndex(w => w.Folded).IsUnique();
    }
}

internal sealed class SensitiveWordListStampConfiguration : IEntityTypeConfiguration<SensitiveWordListStamp>
{
    public void Configure(EntityTypeBuilder<SensitiveWordListStamp> stamp)
    {
        stamp.Property(s => s.Id).ValueGeneratedNever();
        stamp.HasData(new SensitiveWordListStamp { Id = SensitiveWordListStamp.TheOne, Version = 0 });
    }
}

internal static class StoredDocumentMapping
{
    public static void Configure(ComplexPropertyBuilder<StoredDocument> document)
    {
        document.Property(d => d.FileName).HasMaxLength(StoredDocument.FileNameMaxLength);
        document.Ignore(d => d.ContentType);
        document.Ignore(d => d.Extension);
    }
}

/// <summary>
/// The sensitive-word list's version, one row: every change to the list bumps it in the same transaction, so every
/// node's cached matcher sees the list changed with one cheap read.
/// </summary>
public sealed class SensitiveWordListStamp
{
    public const int TheOne = 1;

    public int Id { get; set; }

    public long Version { get; set; }

    public DateTimeOffset? ChangedAt { get; set; }
}
