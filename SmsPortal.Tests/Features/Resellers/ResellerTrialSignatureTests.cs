using System.Net;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Resellers;

/// <summary>A reseller's customer in trial sends under its reseller's default signature, never the platform's name.</summary>
public sealed class ResellerTrialSignatureTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task AResellersCustomerInTrialSendsTheDefaultTemplateUnderTheResellersDefaultSignature()
    {
        var (r1, _) = await ResellerWorld.NewResellerAsync(Portal, 100);
        var api = ResellerWorld.Api(Portal, r1);
        var created = await api.CreateCustomerAsync("Trial customer");
        var (apiId, apiKey) = (created.Body.GetProperty("apiId").GetString()!, created.Body.GetProperty("apiKey").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await api.TransferAsync(apiId, 10, "trial")).Status);
        var direct = await TestAccounts.CreateAsync(Portal, 10);
        var vendor = new VendorClient(Portal.CreateClient());

        var sent = await vendor.SubmitAsync(apiId, apiKey, "13800138123", "2468", "1");
        var platforms = await vendor.SubmitAsync(direct.ApiId, direct.ApiKey, "13800138124", "2468", "1");

        Assert.True(sent.Code == 2, $"{sent.Code} {sent.Msg}");
        var text = (await Portal.MessageWhenAsync(sent.SmsId!, _ => true)).Text;
        Assert.StartsWith("【代理短信】", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SmsPortal", text, StringComparison.Ordinal);
        Assert.True(platforms.Code == 2, $"{platforms.Code} {platforms.Msg}");
        Assert.StartsWith("【SmsPortal】", (await Portal.MessageWhenAsync(platforms.SmsId!, _ => true)).Text, StringComparison.Ordinal);
    }
}
