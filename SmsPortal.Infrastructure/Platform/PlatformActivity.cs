using SmsPortal.Infrastructure.Records;

namespace SmsPortal.Infrastructure.Platform;

/// <summary>What the platform did today and this month (days of the platform's calendar), and what waits for someone.</summary>
/// <param name="Waiting">Messages accepted and not yet claimed by dispatch.</param>
/// <param name="OldestWaiting">When the oldest of them was accepted.</param>
public sealed record PlatformActivity(
    StatusCounts Today,
    StatusCounts ThisMonth,
    decimal RevenueToday,
    decimal RevenueThisMonth,
    int PendingReviews,
    int PendingInvoices,
    int Waiting,
    DateTimeOffset? OldestWaiting);
