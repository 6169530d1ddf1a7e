using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

public sealed class RestApiTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private HttpClient Client(string? key = PortalFactory.DemoApiKey)
    {
        var client = fixture.Portal.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Id", PortalFactory.DemoApiId);
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    [Fact]
    public async Task ASendIsAcceptedAndCanBeLookedUpByItsSmsId()
    {
        var client = Client();

        var response = await client.PostAsJsonAsync("/api/v1/messages", new { mobile = "13800138123", templateId = 1, content = "2025" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = await response.Content.ReadFromJsonAsync<JsonElement>();
        var smsId = sent.GetProperty("smsId").GetString()!;
        Assert.Matches("^[0-9]{20}$", smsId);
        var message = await client.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{smsId}");
        Assert.Equal("【SmsPortal】您的验证码是：2025。请不要把验证码泄露给其他人。", message.GetProperty("text").GetString());
        Assert.Equal("13800138123", message.GetProperty("mobile").GetString());
    }

    [Fact]
    public async Task TheSameIdempotencyKeyAnswersTheSameMessageAndChargesOnce()
    {
        var client = Client();
        var before = (await client.GetFromJsonAsync<JsonElement>("/api/v1/balance")).GetProperty("balance").GetInt64();
        var key = Guid.NewGuid().ToString("N");

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/messages") { Content = JsonContent.Create(new { mobile = "13800138124", templateId = 1, content = "3030" }) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await client.SendAsync(request);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("smsId").GetString();
        }));

        Assert.Single(answers.Distinct());
        var after = (await client.GetFromJsonAsync<JsonElement>("/api/v1/balance")).GetProperty("balance").GetInt64();
        Assert.True(before - after <= 1, $"charged {before - after} for one message");
    }

    [Fact]
    public async Task ABatchAnswersEachNumberOnItsOwn()
    {
        var response = await Client().PostAsJsonAsync("/api/v1/messages/batch", new { mobiles = new[] { "13800138125", "12345", "13800138126" }, templateId = 1, content = "4040" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([2, 406, 2], items.EnumerateArray().Select(i => i.GetProperty("code").GetInt32()));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, 405)]
    [InlineData("wrongkey0123456789abcdef01234567", HttpStatusCode.Unauthorized, 405)]
    public async Task WrongCredentialsAreAProblemDocument(string? key, HttpStatusCode status, int code)
    {
        var response = await Client(key).PostAsJsonAsync("/api/v1/messages", new { mobile = "13800138127", templateId = 1, content = "5050" });

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task ARefusedSendSaysTheVendorCodeAndWhatIsWrong()
    {
        var response = await Client().PostAsJsonAsync("/api/v1/messages", new { mobile = "13800138128", templateId = 1, content = "123456789" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(40722, problem.GetProperty("code").GetInt32());
        Assert.Equal("变量内容超过指定的长度【8】", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ABatchOfMoreThanAThousandIsRefused()
    {
        var response = await Client().PostAsJsonAsync("/api/v1/messages/batch", new { mobiles = Enumerable.Range(0, 1001).Select(i => "1380013" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)), templateId = 1, content = "1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentAndItsPageAreServed()
    {
        var client = fixture.Portal.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/api/v1/openapi.json");
        var page = await client.GetAsync("/api/docs");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/messages", out _));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
