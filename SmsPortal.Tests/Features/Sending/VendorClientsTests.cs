using System.Diagnostics;
using System.Text;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>
/// The vendor's own client styles, unchanged but for the host: PHP (form POST, simplexml / json_decode), Python
/// (urllib, ElementTree in the vendor's namespace, GBK), curl, and clients that mislabel their bodies.
/// </summary>
public sealed class VendorClientsTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private string _host = "";

    public Task InitializeAsync()
    {
        _host = _portal.StartOnLoopback();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    [InlineData("dynamic")]
    public async Task ThePhpDemoSendsUnchanged(string mode)
    {
        var output = await RunAsync("php", Script("submit.php"), _host, PortalFactory.DemoApiId, PortalFactory.DemoApiKey, Mobile(), "3141", mode);

        Assert.Matches("^2 提交成功 [0-9]{20}$", output);
    }

    [Theory]
    [InlineData("submit")]
    [InlineData("gbk")]
    public async Task ThePythonDemoSendsUnchangedInUtf8AndGbk(string mode)
    {
        var output = await RunAsync("python3", Script("submit.py"), _host, PortalFactory.DemoApiId, PortalFactory.DemoApiKey, Mobile(), "2718", mode);

        Assert.Matches("^2 提交成功 [0-9]{20}$", output);
    }

    [Fact]
    public async Task ThePythonDemoReadsTheBalance()
    {
        var output = await RunAsync("python3", Script("submit.py"), _host, PortalFactory.DemoApiId, PortalFactory.DemoApiKey, "-", "-", "getnum");

        Assert.Matches("^2 查询成功 [0-9]+$", output);
    }

    [Fact]
    public async Task CurlWithEverythingInTheQueryString()
    {
        var query = $"account={PortalFactory.DemoApiId}&password={PortalFactory.DemoApiKey}&mobile={Mobile()}&templateid=1&content=1618&format=json";

        var output = await RunAsync("curl", "-s", $"{_host}/webservice/sms.php?method=Submit&{query}");

        Assert.Matches("^\\{\"code\":2,\"msg\":\"提交成功\",\"smsid\":\"[0-9]{20}\"\\}$", output);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/xml")]
    public async Task AFormBodyUnderAJsonOrXmlContentTypeIsStillRead(string contentType)
    {
        using var client = new HttpClient();
        var body = $"account={PortalFactory.DemoApiId}&password={PortalFactory.DemoApiKey}&mobile={Mobile()}&templateid=1&content=1414";

        var answer = await client.PostAsync($"{_host}/webservice/sms.php?method=Submit&format=json", new StringContent(body, Encoding.UTF8, contentType));

        Assert.Contains("\"code\":2", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJsonBodyIsRead()
    {
        using var client = new HttpClient();
        var body = $"{{\"account\":\"{PortalFactory.DemoApiId}\",\"password\":\"{PortalFactory.DemoApiKey}\",\"mobile\":\"{Mobile()}\",\"templateid\":1,\"content\":\"1732\"}}";

        var answer = await client.PostAsync($"{_host}/sms/Submit.json", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Contains("\"code\":2", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOversizedBodyIs413AndAcceptsNothing()
    {
        using var client = new HttpClient();
        var body = $"account={PortalFactory.DemoApiId}&password={PortalFactory.DemoApiKey}&mobile={Mobile()}&templateid=1&content=1234&padding={new string('x', 70_000)}";

        var answer = await client.PostAsync($"{_host}/webservice/sms.php?method=Submit", new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
    }

    private static string Script(string name) => Path.Combine(Peers.Directory, "vendor", name);

    private static string Mobile() => SmsPortal.Tests.Support.Numbers.Deliverable("150");

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, $"{program} exited {process.ExitCode}: {error}");
        return output.Trim();
    }
}
