using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Billing;

/// <summary>Invoice numbers on PostgreSQL, where issuers on several connections really run at once.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgresInvoiceTests(PostgresPortalFixture fixture) : IClassFixture<PostgresPortalFixture>
{
    [Fact]
    public Task ConcurrentIssuingNumbersInvoicesOneToNWithNoGapOrDuplicate() => InvoiceTests.IssueConcurrentlyAsync(fixture.Portal);
}
