using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.ApiReference;

/// <summary>/api/docs and its document in the reader's language, public interfaces only, nothing from another host.</summary>
public sealed partial class ApiReferenceLanguageTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private const string ChineseCookie = ".AspNetCore.Culture=c%3Dzh-CN%7Cuic%3Dzh-CN";

    [Fact]
    public async Task AChineseReaderGetsTheDocumentInChineseAndAnEnglishOneInEnglish()
    {
        var english = await DocumentAsync(null);
        var chinese = await DocumentAsync(ChineseCookie);

        Assert.Equal("SmsPortal REST API", english.GetProperty("info").GetProperty("title").GetString());
        Assert.StartsWith("JSON over HTTPS", english.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("基于 HTTPS 的 JSON 接口", chinese.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);

        var englishTexts = Texts(english);
        var chineseTexts = Texts(chinese);
        Assert.Equal(englishTexts.Keys.Order(), chineseTexts.Keys.Order());
        Assert.Contains(englishTexts, t => t.Value == "Send one message");
        Assert.Equal("发送一条短信", chineseTexts[englishTexts.Single(t => t.Value == "Send one message").Key]);
        // Every summary and description has its Chinese: a new endpoint adds "Operation.<its English>" to ApiDocsText.zh-CN.resx.
        Assert.All(chineseTexts, t => Assert.True(Han().IsMatch(t.Value), $"{t.Key} is not in Chinese: {t.Value}"));
        Assert.All(englishTexts, t => Assert.False(Han().IsMatch(t.Value), $"{t.Key} is not in English: {t.Value}"));

        // Still the public interfaces only.
        var paths = chinese.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(paths, p => Assert.True(p.StartsWith("/api/v1/", StringComparison.Ordinal) || p.StartsWith("/webservice/", StringComparison.Ordinal) || p.StartsWith("/sms/", StringComparison.Ordinal) || p.StartsWith("/isms/", StringComparison.Ordinal), $"{p} is internal"));
    }

    [Fact]
    public async Task TheReaderLoadsNothingFromAnotherHost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/docs");
        request.Headers.Add("Cookie", ChineseCookie);
        var response = await fixture.Portal.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();

        foreach (Match source in OutsideSource().Matches(html))
        {
            Assert.Fail($"/api/docs loads {source.Value}");
        }

        Assert.DoesNotContain("fonts.googleapis", html, StringComparison.Ordinal);
        Assert.DoesNotContain("fonts.scalar.com", html, StringComparison.Ordinal);
    }

    private async Task<JsonElement> DocumentAsync(string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/openapi.json");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        var response = await fixture.Portal.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Each operation's summary and description, by "METHOD path.field".</summary>
    private static Dictionary<string, string> Texts(JsonElement document)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object))
            {
                foreach (var field in new[] { "summary", "description" })
                {
                    if (operation.Value.TryGetProperty(field, out var value) && value.GetString() is { Length: > 0 } text)
                    {
                        texts[$"{operation.Name.ToUpperInvariant()} {path.Name}.{field}"] = text;
                    }
                }
            }
        }

        return texts;
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    // A script, style sheet or font with an absolute address: the reader's own are served from here.
    [GeneratedRegex(@"(src|href)\s*=\s*[""']?(https?:)?//[^""'\s>]+", RegexOptions.IgnoreCase)]
    private static partial Regex OutsideSource();
}
