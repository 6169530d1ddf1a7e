using System.Net;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Review;

internal static class UriExtensions
{
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}

public sealed class DocumentEndpointTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task TheOwnerDownloadsTheLicenceAsAnAttachmentThatIsNeverSniffed()
    {
        var email = $"docs-{Guid.NewGuid():N}@example.com";
        var owner = await People.RegisteredCustomerAsync(fixture.Portal, email);
        var account = await ReviewData.AccountOfAsync(fixture.Portal, email);
        var pdf = ReviewData.Pdf();
        var saved = await fixture.Portal.Service<VerificationService>().SaveAsync(account,
            new VerificationInput("福州示例科技有限公司", "91350100M000100Y43", "张三", "13800138000"), ReviewData.Stream(pdf), true, CancellationToken.None);

        var response = await owner.GetAsync($"/review/documents/licence/{saved.Verification!.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"licence-{saved.Verification.Id}.pdf", response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AnotherCustomerGetsNothingAndAnAdminGetsTheDocument()
    {
        var email = $"docs-owner-{Guid.NewGuid():N}@example.com";
        await People.RegisteredCustomerAsync(fixture.Portal, email);
        var account = await ReviewData.AccountOfAsync(fixture.Portal, email);
        var signature = (await fixture.Portal.Service<SignatureService>().FileAsync(account, "云杉商城", SignaturePurpose.Site, ReviewData.Stream(ReviewData.Png()), CancellationToken.None)).SignatureId!.Value;
        var stranger = await fixture.CustomerAsync();
        var admin = await fixture.AdminAsync();
        var anonymous = fixture.Portal.CreateBrowserLikeClient();

        var forStranger = await stranger.GetAsync($"/review/documents/signature/{signature}");
        var forAdmin = await admin.GetAsync($"/review/documents/signature/{signature}");
        var forAnonymous = await anonymous.GetAsync($"/review/documents/signature/{signature}");

        Assert.Equal(HttpStatusCode.NotFound, forStranger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, forAdmin.StatusCode);
        Assert.Equal("image/png", forAdmin.Content.Headers.ContentType!.MediaType);
        Assert.NotEqual(HttpStatusCode.OK, forAnonymous.StatusCode);
    }

    [Fact]
    public async Task UploadsAreNotServedAsStaticFiles()
    {
        var stored = await fixture.Portal.Service<UploadedDocuments>().SaveAsync(ReviewData.Stream(ReviewData.Png()), CancellationToken.None);

        var response = await fixture.Portal.CreateBrowserLikeClient().GetAsync($"/uploads/{stored.Document!.FileName}");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(Path.GetFullPath(fixture.Portal.Root), fixture.Portal.Service<UploadedDocuments>().Directory, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAnAdminExportsTheSensitiveWords()
    {
        var word = "导出词" + Guid.NewGuid().ToString("N")[..6];
        await fixture.Portal.Service<SensitiveWordList>().AddAsync([word], "admin", CancellationToken.None);

        var forAdmin = await (await fixture.AdminAsync()).GetAsync("/admin/sensitive-words/export");
        var forCustomer = await (await fixture.CustomerAsync()).GetAsync("/admin/sensitive-words/export");

        Assert.Equal(HttpStatusCode.OK, forAdmin.StatusCode);
        Assert.Equal("attachment", forAdmin.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains(word, (await forAdmin.Content.ReadAsStringAsync()).Split('\n'));
        Assert.NotEqual(HttpStatusCode.OK, forCustomer.StatusCode);
    }

    [Theory]
    [InlineData("/console/review")]
    [InlineData("/console/verification")]
    [InlineData("/console/blacklist")]
    [InlineData("/console/templates/new")]
    public async Task TheCustomerPagesOpenForACustomer(string url)
    {
        var response = await (await fixture.CustomerAsync()).GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/admin/review", "Review queue")]
    [InlineData("/admin/audit-log", "Audit log")]
    [InlineData("/admin/sensitive-words", "Sensitive words")]
    [InlineData("/admin/blacklist", "Blacklist")]
    public async Task TheAdminPagesAreForAdminsOnly(string url, string heading)
    {
        var forAdmin = await (await fixture.AdminAsync()).GetAsync(url);
        var forCustomer = await (await fixture.CustomerAsync()).GetAsync(url);

        Assert.Contains(heading, await Forms.TextOfAsync(forAdmin), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, forCustomer.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", forCustomer.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }
}
