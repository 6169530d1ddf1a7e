using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Review;

public sealed class SignatureServiceTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private SignatureService Signatures => fixture.Portal.Service<SignatureService>();

    [Fact]
    public async Task ASignatureIsFiledWithItsDocumentStoredUnderAGeneratedName()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);

        var filing = await Signatures.FileAsync(account, " 云杉科技 ", SignaturePurpose.Company, ReviewData.Stream(ReviewData.Pdf()), CancellationToken.None);

        Assert.True(filing.IsFiled);
        var stored = await fixture.Portal.QueryAsync(db => db.Signatures.SingleAsync(s => s.Id == filing.SignatureId));
        Assert.Equal("云杉科技", stored.Text);
        Assert.Equal(ReviewState.Pending, stored.State);
        Assert.Equal(SignaturePurpose.Company, stored.Purpose);
        Assert.Equal(DocumentType.Pdf, stored.Document!.Type);
        Assert.Matches("^[0-9a-f]{32}\\.pdf$", stored.Document.FileName);
        Assert.True(File.Exists(Path.Combine(fixture.Portal.UploadFolder, stored.Document.FileName)));
    }

    [Fact]
    public async Task TheAccountSeesThePlatformsDefaultSignatureFirst()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);
        await Signatures.FileAsync(account, "云杉商城", SignaturePurpose.Site, ReviewData.Stream(ReviewData.Png()), CancellationToken.None);

        var list = await Signatures.ListAsync(account, CancellationToken.None);

        Assert.True(list[0].IsPlatformDefault);
        Assert.Equal("SmsPortal", list[0].Text);
        Assert.Equal(ReviewState.Approved, list[0].State);
        Assert.Equal("云杉商城", list[1].Text);
        Assert.Equal(["SmsPortal"], await Signatures.ApprovedForAccountAsync(account, CancellationToken.None));
    }

    [Fact]
    public async Task ADuplicateSignatureIsRefusedAndNothingIsStored()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);
        await Signatures.FileAsync(account, "云杉科技", SignaturePurpose.Company, ReviewData.Stream(ReviewData.Pdf()), CancellationToken.None);
        var files = ReviewData.StoredUploads(fixture.Portal).Length;

        var again = await Signatures.FileAsync(account, "云杉科技", SignaturePurpose.Trademark, ReviewData.Stream(ReviewData.Pdf()), CancellationToken.None);
        var platform = await Signatures.FileAsync(account, "SmsPortal", SignaturePurpose.Company, ReviewData.Stream(ReviewData.Pdf()), CancellationToken.None);

        Assert.Equal(SignatureProblem.Duplicate, again.Problem);
        Assert.Equal(SignatureProblem.Duplicate, platform.Problem);
        Assert.Equal(1, await fixture.Portal.QueryAsync(db => db.Signatures.CountAsync(s => s.AccountId == account)));
        Assert.Equal(files, ReviewData.StoredUploads(fixture.Portal).Length);
    }

    [Theory]
    [InlineData("云")]
    [InlineData("【云杉】")]
    [InlineData("云杉-科技")]
    [InlineData("中华人民共和国国家市场监督管理总局信息中心服务平台北京分公司啊")]
    public async Task ASignatureOutsideTheRulesIsRefused(string text)
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);

        var filing = await Signatures.FileAsync(account, text, SignaturePurpose.Company, ReviewData.Stream(ReviewData.Pdf()), CancellationToken.None);

        Assert.Equal(SignatureProblem.Format, filing.Problem);
        Assert.Equal(0, await fixture.Portal.QueryAsync(db => db.Signatures.CountAsync(s => s.AccountId == account)));
    }

    [Fact]
    public async Task AWebPageNamedLikeAnImageIsRefusedAndNotKept()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);
        var files = ReviewData.StoredUploads(fixture.Portal).Length;

        var filing = await Signatures.FileAsync(account, "云杉科技", SignaturePurpose.Company, ReviewData.Stream(ReviewData.Html()), CancellationToken.None);
        var missing = await Signatures.FileAsync(account, "云杉科技", SignaturePurpose.Company, null, CancellationToken.None);

        Assert.Equal(SignatureProblem.Document, filing.Problem);
        Assert.Equal(UploadProblem.NotAnImageOrPdf, filing.Upload);
        Assert.Equal(SignatureProblem.DocumentMissing, missing.Problem);
        Assert.Equal(files, ReviewData.StoredUploads(fixture.Portal).Length);
        Assert.Equal(0, await fixture.Portal.QueryAsync(db => db.Signatures.CountAsync(s => s.AccountId == account)));
    }

    [Fact]
    public async Task ARejectedSignatureIsHandedInAgainWithANewDocument()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);
        var id = (await Signatures.FileAsync(account, "云杉科技", SignaturePurpose.Company, ReviewData.Stream(ReviewData.Pdf()), CancellationToken.None)).SignatureId!.Value;
        var first = await Signatures.FindDocumentAsync(account, id, CancellationToken.None);
        await fixture.Portal.Service<ReviewQueue>().RejectAsync(ReviewData.Admin, new(ReviewItemKind.Signature, id), "资质文件不清晰", CancellationToken.None);

        var again = await Signatures.ResubmitAsync(account, id, SignaturePurpose.Trademark, ReviewData.Stream(ReviewData.Png()), CancellationToken.None);

        Assert.Equal(id, again.SignatureId);
        var row = (await Signatures.ListAsync(account, CancellationToken.None)).Single(s => s.Id == id);
        Assert.Equal(ReviewState.Pending, row.State);
        Assert.Equal(SignaturePurpose.Trademark, row.Purpose);
        Assert.False(File.Exists(Path.Combine(fixture.Portal.UploadFolder, first!.FileName)));
        Assert.Equal(DocumentType.Png, (await Signatures.FindDocumentAsync(account, id, CancellationToken.None))!.Type);
    }

    [Fact]
    public async Task AnotherAccountCannotReachTheDocument()
    {
        var owner = await ReviewData.NewAccountAsync(fixture.Portal);
        var id = (await Signatures.FileAsync(owner, "云杉科技", SignaturePurpose.Company, ReviewData.Stream(ReviewData.Pdf()), CancellationToken.None)).SignatureId!.Value;

        Assert.Null(await Signatures.FindDocumentAsync(await ReviewData.NewAccountAsync(fixture.Portal), id, CancellationToken.None));
        Assert.NotNull(await Signatures.FindDocumentAsync(owner, id, CancellationToken.None));
        Assert.NotNull(await Signatures.FindDocumentAsync(null, id, CancellationToken.None));
    }
}
