using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Review;

/// <summary>A portal whose upload cap is set low (Review:MaxUploadBytes), to see the cap hold.</summary>
public sealed class SmallUploadPortal() : ConfiguredPortalFixture(new Dictionary<string, string?> { ["Review:MaxUploadBytes"] = "4096" });

public sealed class UploadLimitTests(SmallUploadPortal fixture) : IClassFixture<SmallUploadPortal>
{
    [Fact]
    public async Task AFileOverTheCapIsRefusedAndNothingIsLeftBehind()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);
        var files = ReviewData.StoredUploads(fixture.Portal).Length;

        var over = await fixture.Portal.Service<SignatureService>().FileAsync(account, "云杉科技", SignaturePurpose.Company, ReviewData.Stream(ReviewData.Png(4097)), CancellationToken.None);
        var empty = await fixture.Portal.Service<UploadedDocuments>().SaveAsync(ReviewData.Stream([]), CancellationToken.None);

        Assert.Equal(UploadProblem.TooLarge, over.Upload);
        Assert.Equal(UploadProblem.Empty, empty.Problem);
        Assert.Equal(files, ReviewData.StoredUploads(fixture.Portal).Length);
    }

    [Fact]
    public async Task AFileAtTheCapIsKept()
    {
        var saved = await fixture.Portal.Service<UploadedDocuments>().SaveAsync(ReviewData.Stream(ReviewData.Png(4096)), CancellationToken.None);

        Assert.Equal(4096, saved.Document!.Length);
        Assert.Equal(4096, new FileInfo(Path.Combine(fixture.Portal.UploadFolder, saved.Document.FileName)).Length);
    }
}
