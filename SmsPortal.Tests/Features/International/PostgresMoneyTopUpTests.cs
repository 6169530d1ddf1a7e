using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.International;

/// <summary>The top-up of a free amount of money on PostgreSQL, where notifications really race (row locks, unique indexes).</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgresMoneyTopUpTests(PostgresKestrelPortal host) : IClassFixture<PostgresKestrelPortal>
{
    [Fact]
    public Task ATopUpPaidThroughTheSandboxAddsMoneyOnceThoughTheNotificationIsReplayed() =>
        MoneyTopUpScenarios.ATopUpPaidThroughTheSandboxAddsMoneyOnceThoughTheNotificationIsReplayedAsync(host);
}
