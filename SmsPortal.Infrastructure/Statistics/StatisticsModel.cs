using Microsoft.EntityFrameworkCore;

namespace SmsPortal.Infrastructure.Statistics;

/// <summary>The daily rollup tables, applied from one line of SmsPortalDbContext.OnModelCreating.</summary>
internal static class StatisticsModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<MessageDayCount>(count =>
        {
            // One account's rows for a grouping and a range of days are one range of the key.
            count.HasKey(c => new { c.AccountId, c.By, c.Day, c.Key });
            count.Property(c => c.Key).HasMaxLength(MessageDayCount.KeyMaxLength);
            // The platform's rows for a grouping and a range of days (admins).
            count.HasIndex(c => new { c.By, c.Day });
        });

        builder.Entity<MessageDayFold>(fold =>
        {
            fold.HasKey(f => f.Day);
        });

        builder.Entity<MessageDayPending>(pending =>
        {
            pending.HasKey(p => p.MessageId);
            pending.Property(p => p.MessageId).ValueGeneratedNever();
            pending.HasIndex(p => p.Day);
            // An account's pending messages of a range of days (every account's card and total).
            pending.HasIndex(p => new { p.AccountId, p.Day });
        });
    }
}
