using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Resellers;

public sealed class WaitingSalesTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public Task AnAdjustmentAndATakeBackDeliverTheResellersWaitingSalesOldestFirst() => WaitingSales.RunAsync(fixture.Portal);
}
