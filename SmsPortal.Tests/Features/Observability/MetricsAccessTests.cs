using System.Net;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Observability;

/// <summary>/metrics answers a scraper from an allowed network and a signed-in admin; it shows nothing to anyone else.</summary>
public sealed class MetricsAccessTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private const string Outside = "203.0.113.7";

    [Fact]
    public async Task AScraperOnLoopbackReadsTheMetricsByDefault()
    {
        using var response = await GetAsync(fixture.Portal.CreateClient(), from: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("smsportal_queue_acceptance", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnonymousCallerFromAnotherNetworkIsToldThereIsNothingThere()
    {
        using var response = await GetAsync(fixture.Portal.CreateClient(), Outside);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("smsportal_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignedInCustomerFromAnotherNetworkIsRefused()
    {
        using var response = await GetAsync(await fixture.CustomerAsync(), Outside);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("smsportal_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminReadsTheMetricsFromAnyNetwork()
    {
        using var response = await GetAsync(await fixture.AdminAsync(), Outside);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("smsportal_queue_acceptance", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAllowedNetworksSettingReplacesLoopback()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Telemetry:Metrics:AllowedNetworks"] = "10.0.0.0/8, 192.0.2.7";
        var client = portal.CreateClient();

        using var inside = await GetAsync(client, "10.20.30.40");
        using var single = await GetAsync(client, "192.0.2.7");
        using var loopback = await GetAsync(client, "127.0.0.1");
        using var neighbour = await GetAsync(client, "192.0.2.8");

        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, loopback.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, neighbour.StatusCode);
    }

    [Fact]
    public async Task MetricsSwitchedOffAreNotServedToAnyone()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Telemetry:Metrics:Enabled"] = "false";

        using var response = await GetAsync(portal.CreateClient(), from: null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string? from)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        if (from is not null)
        {
            request.Headers.Add(TestClientAddress.Header, from);
        }

        return await client.SendAsync(request);
    }
}
