using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Review;

public sealed class VerificationServiceTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private static readonly VerificationInput Complete = new("福州示例科技有限公司", "91350100M000100Y43", "张三", "13800138000");

    private VerificationService Verifications => fixture.Portal.Service<VerificationService>();

    [Fact]
    public async Task ADraftKeepsWhatIsFilledIn()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);

        var saved = await Verifications.SaveAsync(account, new VerificationInput("福州示例", "9135", null, null), null, submit: false, CancellationToken.None);

        Assert.True(saved.IsSaved);
        var view = await Verifications.GetAsync(account, CancellationToken.None);
        Assert.Equal(ReviewState.Draft, view!.State);
        Assert.Equal("9135", view.CreditCode);
    }

    [Fact]
    public async Task HandingInWithAWrongCheckCharacterStoresNothing()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);
        var files = ReviewData.StoredUploads(fixture.Portal).Length;

        var saved = await Verifications.SaveAsync(account, Complete with { CreditCode = "91110108MA01KP2T5H" }, ReviewData.Stream(ReviewData.Pdf()), submit: true, CancellationToken.None);

        Assert.False(saved.IsSaved);
        var fault = Assert.Single(saved.Faults);
        Assert.Equal(VerificationField.CreditCode, fault.Field);
        Assert.Equal(CreditCodeProblem.CheckCharacter, fault.CreditCode);
        Assert.Null(await Verifications.GetAsync(account, CancellationToken.None));
        Assert.Equal(files, ReviewData.StoredUploads(fixture.Portal).Length);
    }

    [Fact]
    public async Task ALicenceThatIsNotAnImageOrPdfIsRefused()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);

        var saved = await Verifications.SaveAsync(account, Complete, ReviewData.Stream(ReviewData.Html()), submit: true, CancellationToken.None);

        Assert.False(saved.IsSaved);
        Assert.Equal(UploadProblem.NotAnImageOrPdf, saved.Upload);
        Assert.Null(await Verifications.GetAsync(account, CancellationToken.None));
    }

    [Fact]
    public async Task ApprovalVerifiesTheAccountAndLocksTheForm()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);
        var saved = await Verifications.SaveAsync(account, Complete, ReviewData.Stream(ReviewData.Png()), submit: true, CancellationToken.None);
        Assert.Equal(ReviewState.Pending, saved.Verification!.State);
        Assert.True((await Verifications.SaveAsync(account, Complete, null, submit: true, CancellationToken.None)).NotEditable);

        var decided = await fixture.Portal.Service<ReviewQueue>().ApproveAsync(ReviewData.Admin, [new(ReviewItemKind.Verification, saved.Verification.Id)], CancellationToken.None);

        Assert.True(decided.Single().Succeeded);
        Assert.True(await fixture.Portal.QueryAsync(db => db.Accounts.Where(a => a.Id == account).Select(a => a.IsVerified).SingleAsync()));
        Assert.True((await Verifications.SaveAsync(account, Complete, null, submit: false, CancellationToken.None)).NotEditable);
        Assert.Equal(ReviewState.Approved, (await Verifications.GetAsync(account, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task ARejectedVerificationIsCorrectedAndHandedInAgain()
    {
        var account = await ReviewData.NewAccountAsync(fixture.Portal);
        var saved = await Verifications.SaveAsync(account, Complete, ReviewData.Stream(ReviewData.Png()), submit: true, CancellationToken.None);
        var firstLicence = await Verifications.FindLicenceAsync(account, saved.Verification!.Id, CancellationToken.None);
        await fixture.Portal.Service<ReviewQueue>().RejectAsync(ReviewData.Admin, new(ReviewItemKind.Verification, saved.Verification.Id), "营业执照照片不清晰", CancellationToken.None);
        var rejected = await Verifications.GetAsync(account, CancellationToken.None);
        Assert.Equal(ReviewState.Rejected, rejected!.State);
        Assert.Equal("营业执照照片不清晰", rejected.RejectionReason);

        var again = await Verifications.SaveAsync(account, Complete with { ContactPhone = "0591-87654321" }, ReviewData.Stream(ReviewData.Pdf()), submit: true, CancellationToken.None);

        Assert.Equal(ReviewState.Pending, again.Verification!.State);
        Assert.Null(again.Verification.RejectionReason);
        Assert.Equal(DocumentType.Pdf, again.Verification.LicenceType);
        Assert.False(File.Exists(Path.Combine(fixture.Portal.UploadFolder, firstLicence!.FileName)));
        Assert.False(await fixture.Portal.QueryAsync(db => db.Accounts.Where(a => a.Id == account).Select(a => a.IsVerified).SingleAsync()));
    }
}
