using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Resellers;

[Trait("Category", "PostgreSql")]
public sealed class PostgresWaitingSalesTests(PostgresPortalFixture fixture) : IClassFixture<PostgresPortalFixture>
{
    [Fact]
    public Task AnAdjustmentAndATakeBackDeliverTheResellersWaitingSalesOldestFirst() => WaitingSales.RunAsync(fixture.Portal);
}
