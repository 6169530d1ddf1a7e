using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Security;

/// <summary>
/// A Production portal behind a reverse proxy: X-Forwarded-For and -Proto count only from Platform:KnownProxies and
/// Platform:KnownNetworks (the socket's address is the one TestClientAddress names), cookies are secure, HSTS is sent.
/// </summary>
public sealed class ProxyTests() : OwnPortalTests(Settings, "Production")
{
    private const string Proxy = "10.0.0.5";
    private const string ProxyInNetwork = "10.20.3.4";
    private const string Stranger = "10.0.0.6";
    private const string BoundIp = "203.0.113.8";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Platform:PublicUrl"] = "https://sms.example.test/",
        ["Platform:KnownProxies:0"] = Proxy,
        ["Platform:KnownNetworks:0"] = "10.20.0.0/16",
        ["Sending:DeniedIps:0"] = "192.0.2.66",
    };

    [Fact]
    public async Task AVendorCallThroughAKnownProxyIsJudgedByTheForwardedAddress()
    {
        var account = await TestAccounts.CreateAsync(Portal);
        await TestAccounts.SetAsync(Portal, account.Id, a => a.AllowedIps = BoundIp);

        Assert.Equal(2, await SubmitCodeAsync(Portal, account, from: Proxy, forwardedFor: BoundIp));
        Assert.Equal(2, await SubmitCodeAsync(Portal, account, from: ProxyInNetwork, forwardedFor: BoundIp));
        Assert.Equal(4052, await SubmitCodeAsync(Portal, account, from: Proxy, forwardedFor: "198.51.100.1"));
        Assert.Equal(400, await SubmitCodeAsync(Portal, account, from: Proxy, forwardedFor: "192.0.2.66"));
    }

    [Fact]
    public async Task TheSameHeaderFromAnUnknownAddressIsIgnored()
    {
        var account = await TestAccounts.CreateAsync(Portal);
        await TestAccounts.SetAsync(Portal, account.Id, a => a.AllowedIps = BoundIp);

        Assert.Equal(4052, await SubmitCodeAsync(Portal, account, from: Stranger, forwardedFor: BoundIp));
        // A known proxy passing on what a stranger wrote before it: only the hop the proxy itself added counts.
        Assert.Equal(4052, await SubmitCodeAsync(Portal, account, from: Proxy, forwardedFor: $"{BoundIp}, {Stranger}"));
        Assert.Equal(2, await SubmitCodeAsync(Portal, account, from: BoundIp, forwardedFor: "198.51.100.1"));
    }

    [Fact]
    public async Task WithoutKnownProxiesNobodysForwardedHeaderIsBelieved()
    {
        await using var portal = new PortalFactory();
        var account = await TestAccounts.CreateAsync(portal);
        await TestAccounts.SetAsync(portal, account.Id, a => a.AllowedIps = BoundIp);

        Assert.Equal(4052, await SubmitCodeAsync(portal, account, from: "127.0.0.1", forwardedFor: BoundIp));
    }

    [Fact]
    public async Task ProductionAnswersHttpsWithHstsAndOnlySecureCookies()
    {
        var client = Portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://sms.example.test"), AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, Proxy);

        var page = await client.GetAsync("/Account/Login");
        var signedIn = await People.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        Assert.True(page.Headers.Contains("Strict-Transport-Security"));
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var identity = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.Contains("; secure", identity, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task HttpsForwardedByAKnownProxyGetsHstsAndFromAStrangerDoesNot()
    {
        Assert.True((await HealthAsync(from: Proxy)).Headers.Contains("Strict-Transport-Security"));
        Assert.False((await HealthAsync(from: Stranger)).Headers.Contains("Strict-Transport-Security"));
    }

    private async Task<HttpResponseMessage> HealthAsync(string from)
    {
        var client = Portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://sms.example.test"), AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add(TestClientAddress.Header, from);
        request.Headers.Add("X-Forwarded-Proto", "https");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static async Task<int> SubmitCodeAsync(PortalFactory portal, TestAccounts.Made account, string from, string forwardedFor)
    {
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, from);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        var mobile = SmsPortal.Tests.Support.Numbers.Deliverable("139");
        return (await new VendorClient(client).SubmitAsync(account.ApiId, account.ApiKey, mobile, "1234", "1")).Code;
    }
}
