using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Review;

public sealed class SensitiveWordsTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private SensitiveWordList List => fixture.Portal.Service<SensitiveWordList>();

    [Fact]
    public async Task AWordAddedOnThisNodeIsMatchedAtOnce()
    {
        var word = "秘密词" + Guid.NewGuid().ToString("N")[..6];
        var matcher = fixture.Portal.Service<SensitiveWords>();
        Assert.Null((await matcher.GetMatcherAsync(CancellationToken.None)).FindFirst("含有" + word + "的短信"));

        var change = await List.AddAsync([word], "admin", CancellationToken.None);

        Assert.Equal(1, change.Added);
        Assert.Equal(word, (await matcher.GetMatcherAsync(CancellationToken.None)).FindFirst("含有 " + string.Join(" ", word.ToCharArray()) + " 的短信")?.Word);
    }

    [Fact]
    public async Task AnotherNodeSeesTheChangeAfterItsRefreshInterval()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var otherNode = new SensitiveWords(fixture.Portal.Service<IDbContextFactory<SmsPortalDbContext>>(), clock, Options.Create(new ReviewOptions { SensitiveWordsRefreshSeconds = 5 }));
        var word = "远端词" + Guid.NewGuid().ToString("N")[..6];
        var before = await otherNode.GetMatcherAsync(CancellationToken.None);

        await List.AddAsync([word], "admin", CancellationToken.None);
        var cached = await otherNode.GetMatcherAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(6));
        var refreshed = await otherNode.GetMatcherAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(6));
        var unchanged = await otherNode.GetMatcherAsync(CancellationToken.None);

        Assert.Same(before, cached);
        Assert.Null(cached.FindFirst(word));
        Assert.Equal(word, refreshed.FindFirst("x" + word)?.Word);
        Assert.Same(refreshed, unchanged);
    }

    [Fact]
    public async Task AWordIsListedOnceWhateverItsCaseWidthOrSpacing()
    {
        var word = "VPN" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();

        var first = await List.AddAsync([word], "admin", CancellationToken.None);
        var variants = await List.AddAsync([word.ToLowerInvariant(), " " + string.Join(" ", word.ToCharArray()), "", "!!!", new string('长', 51)], "admin", CancellationToken.None);

        Assert.Equal(1, first.Added);
        Assert.Equal(0, variants.Added);
        Assert.Equal(2, variants.AlreadyListed);
        Assert.Equal(["!!!", new string('长', 51)], variants.Refused);
    }

    [Fact]
    public async Task AFileIsImportedInUtf8OrGb18030AndExportedBack()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var utf8 = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"导入一{tag}\r\n\r\n导入二{tag}\n")).ToArray();
        var gb18030 = Encoding.GetEncoding("GB18030").GetBytes($"导入三{tag}\r\n导入一{tag}\r\n");

        var fromUtf8 = await List.ImportAsync(new MemoryStream(utf8), "admin", CancellationToken.None);
        var fromGb = await List.ImportAsync(new MemoryStream(gb18030), "admin", CancellationToken.None);
        var export = await List.ExportAsync(CancellationToken.None);

        Assert.Equal(2, fromUtf8!.Added);
        Assert.Equal((1, 1), (fromGb!.Added, fromGb.AlreadyListed));
        var lines = export.Split('\n');
        Assert.Contains($"导入一{tag}", lines);
        Assert.Contains($"导入二{tag}", lines);
        Assert.Contains($"导入三{tag}", lines);
        Assert.Null(await List.ImportAsync(new MemoryStream(new byte[SensitiveWordList.MaxImportBytes + 1]), "admin", CancellationToken.None));
    }

    [Fact]
    public async Task ADeletedWordNoLongerMatches()
    {
        var word = "删除词" + Guid.NewGuid().ToString("N")[..6];
        await List.AddAsync([word], "admin", CancellationToken.None);
        var row = (await List.SearchAsync(word, 0, 10, CancellationToken.None)).Rows.Single();
        var matcher = fixture.Portal.Service<SensitiveWords>();
        Assert.NotNull((await matcher.GetMatcherAsync(CancellationToken.None)).FindFirst(word));

        Assert.True(await List.DeleteAsync(row.Id, CancellationToken.None));

        Assert.Null((await matcher.GetMatcherAsync(CancellationToken.None)).FindFirst(word));
        Assert.Equal(0, (await List.SearchAsync(word, 0, 10, CancellationToken.None)).Total);
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
