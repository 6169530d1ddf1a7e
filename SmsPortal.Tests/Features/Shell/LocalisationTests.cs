using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Shell;

public sealed partial class LocalisationTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private static readonly string WebRoot = RepositoryPaths.WebProject;

    public static TheoryData<string> ResourceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(WebRoot, "*.resx", SearchOption.AllDirectories).Where(f => !f.Contains(".zh-CN.", StringComparison.Ordinal) && !IsBuildOutput(f)))
        {
            data.Add(Path.GetRelativePath(WebRoot, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void EveryEnglishTextHasAChineseOneAndNoneIsEmpty(string englishFile)
    {
        var english = Read(Path.Combine(WebRoot, englishFile));
        var chinese = Read(Path.Combine(WebRoot, englishFile.Replace(".resx", ".zh-CN.resx", StringComparison.Ordinal)));

        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.DoesNotContain(english, e => string.IsNullOrWhiteSpace(e.Value));
        Assert.DoesNotContain(chinese, e => string.IsNullOrWhiteSpace(e.Value));
    }

    [Fact]
    public void EveryTextKeyThePagesUseExists()
    {
        var known = Directory.GetFiles(WebRoot, "*.resx", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)).SelectMany(f => Read(f).Keys).ToHashSet();
        var missing = new List<string>();
        foreach (var file in Directory.GetFiles(WebRoot, "*.*", SearchOption.AllDirectories).Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !IsBuildOutput(f)))
        {
            foreach (Match match in KeyUse().Matches(File.ReadAllText(file)))
            {
                var key = match.Groups[1].Value;
                if (!known.Contains(key))
                {
                    missing.Add($"{Path.GetFileName(file)}: {key}");
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task ChoosingChineseSetsTheCultureCookieAndGoesBack()
    {
        var client = fixture.Portal.CreateBrowserLikeClient();

        var response = await client.GetAsync("/culture/set?culture=zh-CN&redirectUri=%2FAccount%2FLogin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.OriginalString);
        var page = await Forms.TextOfAsync(await client.GetAsync("/Account/Login"));
        Assert.Contains("欢迎回到短信控制台", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/culture/set?culture=fr-FR&redirectUri=%2F")]
    [InlineData("/culture/set?redirectUri=%2F")]
    public async Task AnUnsupportedCultureIsRefused(string url)
    {
        var response = await fixture.Portal.CreateBrowserLikeClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheCultureSwitchNeverRedirectsToAnotherSite()
    {
        var response = await fixture.Portal.CreateBrowserLikeClient().GetAsync("/culture/set?culture=en&redirectUri=%2F%2Fevil.example");

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) || path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    // L["Key"] and T["Key"] with a literal key (keys built at run time are checked by the pages' own tests).
    [GeneratedRegex("""\b[LT]\["([A-Za-z][A-Za-z0-9.]*)"\]""")]
    private static partial Regex KeyUse();
}
