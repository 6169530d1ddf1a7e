using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Observability;

/// <summary>The same counts on PostgreSQL, where acceptance, dispatch answers and receipts go through EF Core.</summary>
[Collection(MetricsCollection.Name)]
public sealed class PostgresMetricsTests
{
    [Fact]
    [Trait("Category", "PostgreSql")]
    public async Task VendorApiSendsAreCountedOnPostgreSqlAsOnSqlite()
    {
        await using var fixture = new MetricsPortal(new PostgresPortalFactory());
        await fixture.InitializeAsync();

        await MetricsTests.VendorApiSendsAsync(fixture);
    }
}
