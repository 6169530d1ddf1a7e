using System.Net;
using Hangfire;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure;

public sealed class NodeRoleTests
{
    [Fact]
    public async Task AWorkerOnlyNodeAnswersHealthAndServesNoPages()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Node:Roles"] = "Worker";
        var client = portal.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/jobs")).StatusCode);
    }

    [Fact]
    public async Task AWebOnlyNodeRunsNoJobServer()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Node:Roles"] = "Web";
        var client = portal.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(0, portal.Service<JobStorage>().GetMonitoringApi().GetStatistics().Servers);
    }
}
