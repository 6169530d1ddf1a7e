using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Verify;

/// <summary>The vendor-style form door: /webservice/verify.php answering XML in the vendor's namespace, and /verify/*.json.</summary>
public sealed class VerifyVendorApiTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private static readonly XNamespace Vendor = "http://106.ihuyi.com/";

    [Fact]
    public async Task StartCheckWrongAndRightInTheVendorsXml()
    {
        var (account, service, client) = await SetUpAsync();
        var mobile = VerifyRestClient.NewMobile();

        var start = await PostXmlAsync(client, new() { ["method"] = "Start", ["account"] = account.ApiId, ["password"] = account.ApiKey, ["serviceid"] = service, ["mobile"] = mobile });
        var verifyId = start.Element(Vendor + "verifyid")!.Value;
        var code = await new VerifyRestClient(Rest(account)).CodeInAsync(start.Element(Vendor + "smsid")!.Value);
        var wrong = await PostXmlAsync(client, new() { ["method"] = "Check", ["account"] = account.ApiId, ["password"] = account.ApiKey, ["serviceid"] = service, ["mobile"] = mobile, ["code"] = code == "000000" ? "111111" : "000000" });
        var right = await PostXmlAsync(client, new() { ["method"] = "Check", ["account"] = account.ApiId, ["password"] = account.ApiKey, ["serviceid"] = service, ["verifyid"] = verifyId, ["code"] = code });
        var again = await PostXmlAsync(client, new() { ["method"] = "Check", ["account"] = account.ApiId, ["password"] = account.ApiKey, ["serviceid"] = service, ["verifyid"] = verifyId, ["code"] = code });

        Assert.Equal("StartResult", start.Name.LocalName);
        Assert.Equal(["code", "msg", "verifyid", "smsid"], start.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("2", start.Element(Vendor + "code")!.Value);
        Assert.Equal(("4098", "验证码错误", "pending"), (wrong.Element(Vendor + "code")!.Value, wrong.Element(Vendor + "msg")!.Value, wrong.Element(Vendor + "status")!.Value));
        Assert.Equal(("2", "approved"), (right.Element(Vendor + "code")!.Value, right.Element(Vendor + "status")!.Value));
        Assert.Equal("4095", again.Element(Vendor + "code")!.Value);
    }

    [Fact]
    public async Task TheJsonPathsAnswerJsonWithTheVendorsCodes()
    {
        var (account, service, client) = await SetUpAsync();
        var mobile = VerifyRestClient.NewMobile();

        var start = await PostJsonAsync(client, "/verify/Start.json", new() { ["account"] = account.ApiId, ["password"] = account.ApiKey, ["serviceid"] = service, ["mobile"] = mobile });
        var tooSoon = await PostJsonAsync(client, "/verify/Start.json", new() { ["account"] = account.ApiId, ["password"] = account.ApiKey, ["serviceid"] = service, ["mobile"] = mobile });
        var cancel = await PostJsonAsync(client, "/verify/Cancel.json", new() { ["account"] = account.ApiId, ["password"] = account.ApiKey, ["serviceid"] = service, ["mobile"] = mobile });
        var badKey = await PostJsonAsync(client, "/verify/Check.json", new() { ["account"] = account.ApiId, ["password"] = "wrongkey0123456789abcdef01234567", ["serviceid"] = service, ["mobile"] = mobile, ["code"] = "123456" });
        var noService = await PostJsonAsync(client, "/verify/Start.json", new() { ["account"] = account.ApiId, ["password"] = account.ApiKey, ["serviceid"] = "VA0000", ["mobile"] = mobile });

        Assert.Equal(2, start.GetProperty("code").GetInt32());
        Assert.StartsWith("VE", start.GetProperty("verifyid").GetString(), StringComparison.Ordinal);
        Assert.Equal(4094, tooSoon.GetProperty("code").GetInt32());
        Assert.Equal("同一手机号码发送验证码过于频繁，请【60】秒后再试", tooSoon.GetProperty("msg").GetString());
        Assert.Equal((2, "canceled"), (cancel.GetProperty("code").GetInt32(), cancel.GetProperty("status").GetString()));
        Assert.Equal(405, badKey.GetProperty("code").GetInt32());
        Assert.Equal(4090, noService.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task ADynamicPasswordWorksAsForGetNum()
    {
        var (account, service, client) = await SetUpAsync();
        var time = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var password = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(account.ApiId + account.ApiKey + time)));

        var start = await PostJsonAsync(client, "/verify/Start.json", new() { ["account"] = account.ApiId, ["password"] = password, ["time"] = time, ["serviceid"] = service, ["mobile"] = VerifyRestClient.NewMobile() });

        Assert.Equal(2, start.GetProperty("code").GetInt32());
    }

    private async Task<(TestAccounts.Made Account, string Service, HttpClient Client)> SetUpAsync()
    {
        var account = await TestAccounts.CreateAsync(fixture.Portal, credits: 100, verified: true, paid: true);
        var service = await new VerifyRestClient(Rest(account)).CreateServiceAsync(new { name = "Vendor style" });
        return (account, service, fixture.Portal.CreateClient());
    }

    private HttpClient Rest(TestAccounts.Made account) => VerifyRestClient.For(fixture.Portal, account.ApiId, account.ApiKey).Http;

    private static async Task<XElement> PostXmlAsync(HttpClient client, Dictionary<string, string> form)
    {
        var response = await client.PostAsync("/webservice/verify.php", new FormUrlEncodedContent(form));
        Assert.Equal("text/xml", response.Content.Headers.ContentType!.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
    }

    private static async Task<JsonElement> PostJsonAsync(HttpClient client, string path, Dictionary<string, string> form) =>
        await (await client.PostAsync(path, new FormUrlEncodedContent(form))).Content.ReadFromJsonAsync<JsonElement>();
}
