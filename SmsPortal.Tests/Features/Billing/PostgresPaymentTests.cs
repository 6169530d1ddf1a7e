using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Billing;

/// <summary>The idempotency scenarios on PostgreSQL, where writers really run at the same time (row locks, unique indexes).</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgresPaymentTests(PostgresKestrelPortal host) : IClassFixture<PostgresKestrelPortal>
{
    [Fact]
    public Task ASandboxPaymentAddsCreditsExactlyOnceThoughTheNotificationIsReplayedFiveTimes() =>
        PaymentScenarios.SandboxPaymentAddsCreditsOnceThoughReplayedFiveTimesAsync(host);

    [Fact]
    public Task ConcurrentNotificationsOfOneOrderAddCreditsOnce() =>
        PaymentScenarios.ConcurrentNotificationsOfOneOrderAddCreditsOnceAsync(host);
}
