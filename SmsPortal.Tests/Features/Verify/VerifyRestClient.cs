using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Verify;

/// <summary>The REST Verify door as a test calls it, with one account's credentials; the code is read from the SMS record, as the handset would get it.</summary>
public sealed partial class VerifyRestClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public static VerifyRestClient For(PortalFactory portal, string apiId, string apiKey)
    {
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Id", apiId);
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return new VerifyRestClient(client);
    }

    /// <summary>An SMS of template 1 through the REST door (/api/v1/messages), from <paramref name="address"/> when given.</summary>
    public static Task<HttpResponseMessage> SendSmsAsync(PortalFactory portal, TestAccounts.Made account, string mobile, string? address = null)
    {
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Id", account.ApiId);
        client.DefaultRequestHeaders.Add("X-Api-Key", account.ApiKey);
        if (address is not null)
        {
            client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        }

        return client.PostAsJsonAsync("/api/v1/messages", new { mobile, templateId = 1, content = "1234" });
    }

    /// <summary>A start through the Twilio-compatible door, as Twilio's SDKs send it (form, HTTP Basic with the API ID and key).</summary>
    public static Task<HttpResponseMessage> TwilioStartAsync(PortalFactory portal, TestAccounts.Made account, string service, string to, string channel = "sms")
    {
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(account.ApiId + ":" + account.ApiKey)));
        return client.PostAsync($"/v2/Services/{service}/Verifications", new FormUrlEncodedContent(new Dictionary<string, string> { ["To"] = to, ["Channel"] = channel }));
    }

    public static string NewMobile() => SmsPortal.Tests.Support.Numbers.Deliverable("139");

    public async Task<string> CreateServiceAsync(object settings)
    {
        var response = await Http.PostAsJsonAsync("/api/v1/verify/services", settings);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sid").GetString()!;
    }

    public Task<HttpResponseMessage> StartAsync(string service, string mobile) =>
        Http.PostAsJsonAsync($"/api/v1/verify/services/{service}/verifications", new { mobile });

    public Task<HttpResponseMessage> CheckAsync(string service, string mobile, string code) =>
        Http.PostAsJsonAsync($"/api/v1/verify/services/{service}/checks", new { mobile, code });

    /// <summary>Starts and returns the verification's sid, the smsid and the code the SMS carried.</summary>
    public async Task<(string Sid, string SmsId, string Code)> StartAndReadAsync(string service, string mobile)
    {
        var response = await StartAsync(service, mobile);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        var started = JsonDocument.Parse(body).RootElement;
        var smsId = started.GetProperty("smsId").GetString()!;
        return (started.GetProperty("sid").GetString()!, smsId, await CodeInAsync(smsId));
    }

    /// <summary>The code in the text of a sent message (template 1: 您的验证码是：CODE。…).</summary>
    public async Task<string> CodeInAsync(string smsId)
    {
        var message = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{smsId}");
        return CodeOf(message.GetProperty("text").GetString()!);
    }

    public static string CodeOf(string text) => CodePattern().Match(text) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No code in " + text);

    public static async Task<int> CodeOfProblemAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32();

    [GeneratedRegex("验证码是：([0-9A-Z]+)。")]
    private static partial Regex CodePattern();
}
