using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Channels;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Resellers;
using SmsPortal.Domain.Pushes;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Domain.Verify;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Captcha;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Infrastructure.Verify;

namespace SmsPortal.Infrastructure.Persistence;

/// <summary>
/// The one model of SmsPortal. Each database provider has its own subclass so that each keeps
/// its own migrations (see docs/decisions/0003-one-migrations-set-per-provider.md).
/// </summary>
public abstract class SmsPortalDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<Signature> Signatures => Set<Signature>();
    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<SendCounter> SendCounters => Set<SendCounter>();
    public DbSet<BlockedNumber> BlockedNumbers => Set<BlockedNumber>();
    public DbSet<UsedDynamicPassword> UsedDynamicPasswords => Set<UsedDynamicPassword>();
    public DbSet<Reply> Replies => Set<Reply>();
    public DbSet<ChannelDefinition> ChannelDefinitions => Set<ChannelDefinition>();
    public DbSet<Route> Routes => Set<Route>();
    public DbSet<WorkerInstance> WorkerInstances => Set<WorkerInstance>();
    public DbSet<SendBatch> SendBatches => Set<SendBatch>();
    public DbSet<SendBatchNumber> SendBatchNumbers => Set<SendBatchNumber>();
    public DbSet<PushOutboxEntry> PushOutbox => Set<PushOutboxEntry>();
    public DbSet<Domain.Doors.MailDoorSettings> MailDoorSettings => Set<Domain.Doors.MailDoorSettings>();

    public DbSet<Domain.Doors.MailDoorReply> MailDoorReplies => Set<Domain.Doors.MailDoorReply>();
    public DbSet<Domain.International.InternationalPrice> InternationalPrices => Set<Domain.International.InternationalPrice>();

    // Content review: mapped in Review/ReviewModel.cs.
    public DbSet<EnterpriseVerification> EnterpriseVerifications => Set<EnterpriseVerification>();
    public DbSet<ReviewAuditEntry> ReviewAuditEntries => Set<ReviewAuditEntry>();
    public DbSet<SensitiveWord> SensitiveWords => Set<SensitiveWord>();
    public DbSet<SensitiveWordListStamp> SensitiveWordListStamps => Set<SensitiveWordListStamp>();
    // Billing (SmsPortal.Infrastructure/Billing/BillingModel.cs)
    public DbSet<Package> Packages => Set<Package>();
    public DbSet<PackagePrice> PackagePrices => Set<PackagePrice>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PaymentNotification> PaymentNotifications => Set<PaymentNotification>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<BillingAuditEntry> BillingAuditEntries => Set<BillingAuditEntry>();
    public DbSet<BillingCounter> BillingCounters => Set<BillingCounter>();
    public DbSet<BillingSecret> BillingSecrets => Set<BillingSecret>();

    // Daily rollups of the statistics (SmsPortal.Infrastructure/Statistics/StatisticsModel.cs)
    public DbSet<Statistics.MessageDayCount> MessageDayCounts => Set<Statistics.MessageDayCount>();
    public DbSet<Statistics.MessageDayFold> MessageDayFolds => Set<Statistics.MessageDayFold>();
    public DbSet<Statistics.MessageDayPending> MessageDayPendings => Set<Statistics.MessageDayPending>();

    // Resellers (SmsPortal.Infrastructure/Resellers/ResellerModel.cs)
    public DbSet<ResellerBrand> ResellerBrands => Set<ResellerBrand>();
    public DbSet<ResellerHost> ResellerHosts => Set<ResellerHost>();

    // Abuse defence (SmsPortal.Infrastructure/Abuse/AbuseModel.cs)
    public DbSet<Domain.Abuse.RangeBlock> RangeBlocks => Set<Domain.Abuse.RangeBlock>();
    public DbSet<Domain.Abuse.AbuseRefusal> AbuseRefusals => Set<Domain.Abuse.AbuseRefusal>();

    // Verify (SmsPortal.Infrastructure/Verify/VerifyModel.cs)
    public DbSet<VerifyService> VerifyServices => Set<VerifyService>();
    public DbSet<Verification> Verifications => Set<Verification>();

    // The public pages' captcha (SmsPortal.Infrastructure/Captcha)
    public DbSet<UsedCaptcha> UsedCaptchas => Set<UsedCaptcha>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<ApplicationUser>(user =>
        {
            user.HasOne<Account>().WithMany().HasForeignKey(u => u.AccountId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Account>(account =>
        {
            account.Property(a => a.Name).HasMaxLength(Account.NameMaxLength);
            account.Property(a => a.ApiId).HasMaxLength(32);
            account.HasIndex(a => a.ApiId).IsUnique();
            account.HasOne<Account>().WithMany().HasForeignKey(a => a.ParentAccountId).OnDelete(DeleteBehavior.Restrict);
            account.HasMany(a => a.ApiKeys).WithOne().HasForeignKey(k => k.AccountId).OnDelete(DeleteBehavior.Cascade);
            account.Ignore(a => a.IsFrozen);
            account.Property(a => a.ReceiptPushUrl).HasMaxLength(500);
            account.Property(a => a.ReplyPushUrl).HasMaxLength(500);
            account.Property(a => a.ReviewPushUrl).HasMaxLength(500);
            account.Property(a => a.ProtectedPushSecret).HasMaxLength(1000);
            account.Property(a => a.AllowedIps).HasMaxLength(1000);
            account.Property(a => a.AllowedCountries).HasMaxLength(Account.AllowedCountriesMaxLength);
            account.Property(a => a.AlertMobiles).HasMaxLength(100);
            account.ComplexProperty(a => a.Limits);
        });

        builder.Entity<ApiKey>(key =>
        {
            key.Property(k => k.ProtectedKey).HasMaxLength(1000);
            key.Property(k => k.Hint).HasMaxLength(8);
            key.Ignore(k => k.IsActive);
        });

        builder.Entity<LedgerEntry>(entry =>
        {
            entry.HasOne<Account>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Restrict);
            // A balance is the latest entry of one account in one currency: one seek on this index (decision 0034).
            entry.HasIndex(e => new { e.AccountId, e.Currency, e.Id });
            entry.Property(e => e.Reference).HasMaxLength(100);
            entry.Property(e => e.Note).HasMaxLength(500);
        });

        builder.Entity<Signature>(signature =>
        {
            signature.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Restrict);
            signature.Property(s => s.Text).HasMaxLength(30);
            signature.Property(s => s.RejectionReason).HasMaxLength(500);
            signature.HasIndex(s => new { s.AccountId, s.Text }).IsUnique();
            signature.Ignore(s => s.IsPlatformDefault);
        });

        builder.Entity<MessageTemplate>(template =>
        {
            template.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Restrict);
            template.Property(t => t.Text).HasMaxLength(1000);
            template.Property(t => t.RejectionReason).HasMaxLength(500);
            template.HasIndex(t => new { t.AccountId, t.State });
        });

        builder.Entity<Message>(message =>
        {
            message.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Restrict);
            message.Property(m => m.Mobile).HasMaxLength(24);
            message.Property(m => m.Text).HasMaxLength(2000);
            message.Property(m => m.Channel).HasMaxLength(64);
            message.Property(m => m.UpstreamId).HasMaxLength(100);
            message.Property(m => m.UpstreamStatus).HasMaxLength(500);
            message.Property(m => m.IdempotencyKey).HasMaxLength(100);
            message.Property(m => m.Country).HasMaxLength(4);
            message.Property(m => m.ClaimedBy).HasMaxLength(100);
            message.Ignore(m => m.SmsId);
            message.Ignore(m => m.IsFinal);
            // The outbox: dispatch reads accepted messages oldest first.
            message.HasIndex(m => new { m.Status, m.Id });
            message.HasIndex(m => new { m.AccountId, m.Id });
            // The messages waiting for dispatch, by account: the fair claim walks it (Dispatch/FairClaim).
            message.HasIndex(m => new { m.AccountId, m.Id }, Dispatch.FairClaim.WaitingIndex).HasFilter("\"Status\" = 0");
            message.HasIndex(m => new { m.AccountId, m.AcceptedAt });
            // An account's pending messages (accepted, submitted, dispatching), newest first: the records page's "pending" filter.
            // A small partial index (a message leaves it when its receipt comes); its condition is written as MessageRecords asks.
            message.HasIndex(m => new { m.AccountId, m.Id }, "IX_Messages_Pending").HasFilter("\"Status\" IN (0, 1, 5)");
            message.HasIndex(m => new { m.Mobile, m.Id });
            message.HasIndex(m => new { m.Channel, m.UpstreamId });
            message.Property(m => m.UpstreamCost).HasPrecision(18, 4);
            message.HasIndex(m => new { m.AccountId, m.IdempotencyKey }).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
            // SMPP receipts still owed to a customer's receiver bind: a small partial index, looked up per account.
            message.HasIndex(m => new { m.AccountId, m.Id }, "IX_Messages_SmppReceiptWanted").HasFilter("\"SmppReceipt\" = 1");
            message.Property(m => m.ReceiptMailTo).HasMaxLength(Domain.Doors.MailDoorSettingsRules.MaxAddressLength);
            // Receipt mails still owed (Doors/Smtp/MailReceiptPump): a small partial index.
            message.HasIndex(m => m.Id, "IX_Messages_ReceiptMailOwed").HasFilter("\"ReceiptMailTo\" IS NOT NULL AND \"ReceiptMailedAt\" IS NULL");
        });

        builder.Entity<Domain.Doors.MailDoorSettings>(settings =>
        {
            settings.HasKey(s => s.AccountId);
            settings.Property(s => s.AccountId).ValueGeneratedNever();
            settings.Property(s => s.AllowedSenders).HasMaxLength(Domain.Doors.MailDoorSettingsRules.MaxSenders * (Domain.Doors.MailDoorSettingsRules.MaxAddressLength + 1));
            settings.HasOne<Account>().WithOne().HasForeignKey<Domain.Doors.MailDoorSettings>(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Domain.Doors.MailDoorReply>(reply =>
        {
            reply.Property(r => r.To).HasMaxLength(Domain.Doors.MailDoorSettingsRules.MaxAddressLength);
            reply.Property(r => r.Subject).HasMaxLength(Domain.Doors.MailDoorReply.SubjectMaxLength);
            // Replies still owed (Doors/Smtp/MailReplyPump): a small partial index.
            reply.HasIndex(r => r.NextAttemptAt, "IX_MailDoorReplies_Owed").HasFilter("\"SentAt\" IS NULL");
        });

        builder.Entity<SendBatch>(batch =>
        {
            batch.HasOne<Account>().WithMany().HasForeignKey(b => b.AccountId).OnDelete(DeleteBehavior.Restrict);
            batch.Property(b => b.CreatedByUserId).HasMaxLength(450);
            batch.Property(b => b.CreatedBy).HasMaxLength(256);
            batch.Property(b => b.Content).HasMaxLength(SendBatch.ContentMaxLength);
            batch.Property(b => b.Preview).HasMaxLength(2000);
            batch.Property(b => b.HeldBy).HasMaxLength(100);
            batch.HasIndex(b => new { b.AccountId, b.Id });
            batch.HasIndex(b => new { b.State, b.ScheduledAt });
        });

        builder.Entity<SendBatchNumber>(number =>
        {
            number.HasOne<SendBatch>().WithMany().HasForeignKey(n => n.BatchId).OnDelete(DeleteBehavior.Cascade);
            number.Property(n => n.Mobile).HasMaxLength(24);

            // The next chunk (the undecided numbers in order) and the progress by code are both read from this index.
            number.HasIndex(n => new { n.BatchId, n.Code, n.Id });
        });

        builder.Entity<WorkerInstance>(worker =>
        {
            worker.Property(w => w.Id).HasMaxLength(100);
            worker.Property(w => w.Node).HasMaxLength(64);
        });

        builder.Entity<PushOutboxEntry>(push =>
        {
            push.ToTable("PushOutbox");
            push.Property(p => p.Url).HasMaxLength(1000);
            push.Property(p => p.Body).HasMaxLength(8000);
            push.Property(p => p.LastAnswer).HasMaxLength(200);
            // The pump's poll: pending pushes that are due, oldest first.
            push.HasIndex(p => new { p.State, p.DueAtMs });
            push.HasIndex(p => new { p.AccountId, p.Id });
            push.HasIndex(p => p.MessageId);
        });

        builder.Entity<SendCounter>(counter =>
        {
            counter.HasKey(c => new { c.AccountId, c.Key, c.Bucket });
            counter.Property(c => c.Key).HasMaxLength(80);
        });

        builder.Entity<UsedDynamicPassword>(used =>
        {
            used.HasKey(u => new { u.AccountId, u.Password });
            used.Property(u => u.Password).HasMaxLength(32);
            used.HasIndex(u => u.ExpiresAt);
        });

        builder.Entity<BlockedNumber>(blocked =>
        {
            blocked.HasOne<Account>().WithMany().HasForeignKey(b => b.AccountId).OnDelete(DeleteBehavior.Cascade);
            blocked.Property(b => b.Mobile).HasMaxLength(24);
            blocked.HasIndex(b => new { b.Mobile, b.AccountId }).IsUnique();
        });

        builder.Entity<Reply>(reply =>
        {
            reply.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Restrict);
            reply.Property(r => r.Mobile).HasMaxLength(24);
            reply.Property(r => r.To).HasMaxLength(40);
            reply.Property(r => r.Content).HasMaxLength(2000);
            reply.Property(r => r.Channel).HasMaxLength(64);
            reply.Property(r => r.Raw).HasMaxLength(1000);
            reply.HasIndex(r => new { r.AccountId, r.Id });
        });

        builder.Entity<ChannelDefinition>(channel =>
        {
            channel.Property(c => c.Name).HasMaxLength(ChannelDefinition.NameMaxLength);
            channel.Property(c => c.Type).HasMaxLength(20);
            channel.HasIndex(c => c.Name).IsUnique();
        });

        builder.Entity<Route>(route =>
        {
            route.Property(r => r.Channel).HasMaxLength(ChannelDefinition.NameMaxLength);
            route.Property(r => r.Prefix).HasMaxLength(24);
            route.Property(r => r.CostPerPart).HasPrecision(18, 4);
            route.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        ReviewModel.Configure(builder);
        BillingModel.Configure(builder);
        VerifyModel.Configure(builder);
        Resellers.ResellerModel.Configure(builder);
        International.InternationalModel.Configure(builder);
        Statistics.StatisticsModel.Configure(builder);
        builder.Entity<UsedCaptcha>(used =>
        {
            used.Property(u => u.Id).HasMaxLength(32);
            used.HasIndex(u => u.ExpiresAt);
        });
        Abuse.AbuseModel.Configure(builder);

        ConfigureProvider(builder);
    }

    /// <summary>Where a provider needs something the other does not (value conversions, column types).</summary>
    protected virtual void ConfigureProvider(ModelBuilder builder)
    {
    }
}
