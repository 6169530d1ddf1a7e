using System.Text.Json;
using System.Xml.Linq;

namespace SmsPortal.Tests.Support;

/// <summary>Calls the vendor API the way the vendor's demos do, and reads the answer by element name as they do.</summary>
/// <param name="product">"sms" (the domestic product, /webservice/sms.php and /sms/…) or "isms" (the international one).</param>
public sealed class VendorClient(HttpClient client, string product = "sms")
{
    public sealed record Answer(int Code, string Msg, string? SmsId, string? Num, string? TemplateId);

    public async Task<Answer> CallAsync(string method, IDictionary<string, string> parameters, bool json = false, bool post = true, string? clientIp = null)
    {
        // The newer .json paths exist for Submit and GetNum; AddTemplate answers JSON with format=json.
        var path = json && method != "AddTemplate" ? $"/{product}/{method}.json" : $"/webservice/{product}.php?method=" + method + (json ? "&format=json" : "");
        using var request = post
            ? new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(parameters) }
            : new HttpRequestMessage(HttpMethod.Get, path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join("&", parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")));
        if (clientIp is not null)
        {
            request.Headers.Add(TestClientAddress.Header, clientIp);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {body}");
        return json ? ReadJson(body) : ReadXml(body);
    }

    public Task<Answer> SubmitAsync(string account, string password, string mobile, string? content = null, string? templateId = null, bool json = false, bool post = true, string? time = null, string? clientIp = null)
    {
        var parameters = new Dictionary<string, string> { ["account"] = account, ["password"] = password, ["mobile"] = mobile };
        if (content is not null)
        {
            parameters["content"] = content;
        }

        if (templateId is not null)
        {
            parameters["templateid"] = templateId;
        }

        if (time is not null)
        {
            parameters["time"] = time;
        }

        return CallAsync("Submit", parameters, json, post, clientIp);
    }

    private static Answer ReadXml(string body)
    {
        var root = XDocument.Parse(body).Root!;
        Assert.Equal("http://106.ihuyi.com/", root.Name.NamespaceName);
        string? Value(string name) => root.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        return new Answer(int.Parse(Value("code")!, System.Globalization.CultureInfo.InvariantCulture), Value("msg")!, Value("smsid"), Value("num"), Value("templateid"));
    }

    private static Answer ReadJson(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var value) ? (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()) : null;
        Assert.Equal(JsonValueKind.Number, root.GetProperty("code").ValueKind);
        return new Answer(root.GetProperty("code").GetInt32(), root.GetProperty("msg").GetString()!, Text("smsid"), Text("num"), Text("templateid"));
    }
}
