using System.Globalization;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>Issue 12, finding 8: API IDs that name no account cannot grow a node's memory without end.</summary>
public sealed class UnknownApiIdTests : IAsyncLifetime
{
    private const int Bound = 40;
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync()
    {
        _portal.Settings["Sending:MaxUnknownApiIds"] = Bound.ToString(CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task ManyDistinctUnknownApiIdsDoNotGrowTheCacheBeyondItsBound()
    {
        var api = new VendorClient(_portal.CreateClient());
        var profiles = _portal.Service<SendingProfiles>();
        Assert.Equal(2, (await api.SubmitAsync(PortalFactory.DemoApiId, PortalFactory.DemoApiKey, "13800138000", "1234", "1")).Code);
        var known = profiles.CachedCount;

        for (var i = 0; i < 5 * Bound; i++)
        {
            // Each probe from an address of its own, as a botnet would send them.
            var answer = await api.SubmitAsync("X" + i.ToString("D8", CultureInfo.InvariantCulture), "wrongkey0123456789abcdef01234567", "13800138000", "1234", "1",
                clientIp: $"10.{i / 250}.{i % 250}.1");
            Assert.Equal(405, answer.Code);
        }

        Assert.InRange(profiles.CachedCount, known, known + Bound);
    }
}
