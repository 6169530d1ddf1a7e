using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Tests.Features.Review;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Resellers;

/// <summary>A request's Host picks the brand: a reseller's host name shows the reseller, any other host the platform.</summary>
public sealed class BrandByHostTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    private HttpClient On(string host, string? language = null)
    {
        var client = Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri($"http://{host}") });
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    [Theory]
    [InlineData("en-US", "SMS services")]
    [InlineData("zh-CN", "短信服务")]
    public async Task OnAResellersHostTheLandingSignUpAndSignInPagesShowItsBrandAndNotThePlatforms(string language, string services)
    {
        var (_, host) = await ResellerWorld.NewResellerAsync(Portal, 100, name: "闽信通讯");
        var client = On(host, language);

        foreach (var page in new[] { "/", "/Account/Register", "/Account/Login" })
        {
            var (html, document) = await PageAsync(client, page);
            Assert.Contains("闽信通讯", document.Body!.TextContent, StringComparison.Ordinal);
            Assert.EndsWith("· 闽信通讯", page == "/" ? "· 闽信通讯" : document.Title, StringComparison.Ordinal);
            Assert.DoesNotContain("SmsPortal", document.Title, StringComparison.Ordinal);
            Assert.DoesNotContain("SmsPortal", document.Body.TextContent, StringComparison.Ordinal);
            Assert.Contains("#AA3300", html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal($"闽信通讯 · {services}", (await PageAsync(client, "/")).Document.Title);
    }

    [Theory]
    [InlineData("en-US", "SMS for your applications")]
    [InlineData("zh-CN", "面向应用的短信服务")]
    public async Task AnUnknownHostGetsThePlatformsBrand(string language, string title)
    {
        await ResellerWorld.NewResellerAsync(Portal, 100, name: "闽信通讯");

        var (_, landing) = await PageAsync(On("unknown.example", language), "/");

        Assert.Equal($"SmsPortal · {title}", landing.Title);
        Assert.DoesNotContain("闽信通讯", landing.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Portal", landing.QuerySelector(".sp-brand")!.TextContent[3..]);
    }

    [Fact]
    public async Task SigningUpOnAResellersHostMakesItsCustomerWithTrialCreditsFromItsBalanceAndMailsInItsName()
    {
        var (reseller, host) = await ResellerWorld.NewResellerAsync(Portal, 25, trialCredits: 20, name: "闽信通讯");
        var email = $"brand-{Guid.NewGuid():N}@example.com";

        var registered = await People.RegisterAsync(On(host), email, "Brand#2026pass", "福州客户");

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var user = (await People.FindAsync(Portal, email))!;
        var account = await Portal.QueryAsync(db => db.Accounts.SingleAsync(a => a.Id == user.AccountId));
        Assert.Equal(reseller.Id, account.ParentAccountId);
        Assert.Equal(20, await Portal.CheckedBalanceAsync(account.Id));
        Assert.Equal(5, await Portal.CheckedBalanceAsync(reseller.Id));
        var mail = await MailToAsync(email);
        Assert.Equal("闽信通讯", ((MailboxAddress)mail.From[0]).Name);
        Assert.Contains("闽信通讯", mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("SmsPortal", mail.Subject, StringComparison.Ordinal);
        Assert.StartsWith($"http://{host}:", await People.ConfirmationLinkAsync(Portal.MailFolder, email), StringComparison.Ordinal);

        // The reseller's balance (5) no longer covers the trial (20): the next customer gets none, and the platform gives none either.
        var next = $"brand-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.Redirect, (await People.RegisterAsync(On(host), next, "Brand#2026pass", "厦门客户")).StatusCode);
        var nextAccount = (await People.FindAsync(Portal, next))!.AccountId!.Value;
        Assert.Equal(0, await Portal.QueryAsync(db => db.LedgerEntries.CountAsync(e => e.AccountId == nextAccount)));
        Assert.Equal(5, await Portal.CheckedBalanceAsync(reseller.Id));
    }

    [Fact]
    public async Task SigningUpOnThePlatformsHostMakesADirectCustomerWithThePlatformsTrial()
    {
        await ResellerWorld.NewResellerAsync(Portal, 100, trialCredits: 7);
        var email = $"direct-{Guid.NewGuid():N}@example.com";

        await People.RegisterAsync(On("localhost"), email, "Direct#2026pass");

        var account = await Portal.QueryAsync(db => db.Accounts.SingleAsync(a => a.Id == db.Users.Where(u => u.Email == email).Select(u => u.AccountId).Single()));
        Assert.Null(account.ParentAccountId);
        Assert.Equal(Portal.Service<SmsPortal.Infrastructure.Accounts.AccountService>().DefaultTrialCredits, await Portal.CheckedBalanceAsync(account.Id));
        var mail = await MailToAsync(email);
        Assert.Equal("SmsPortal", mail.From.Mailboxes.Single().Name);
        Assert.Contains("SmsPortal", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLogoIsServedOnTheResellersHostOnly()
    {
        var (reseller, host) = await ResellerWorld.NewResellerAsync(Portal, 10);
        Assert.Null(await Portal.Service<ResellerAdministration>().SetLogoAsync(reseller.Id, ReviewData.Stream(ReviewData.Png()), CancellationToken.None));

        var logo = await On(host).GetAsync("/brand/logo");
        var elsewhere = await On("localhost").GetAsync("/brand/logo");
        var page = await (await On(host).GetAsync("/")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Equal("image/png", logo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ReviewData.Png(), await logo.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Contains("src=\"brand/logo\"", page, StringComparison.Ordinal);
    }

    private static async Task<(string Html, AngleSharp.Html.Dom.IHtmlDocument Document)> PageAsync(HttpClient client, string page)
    {
        var response = await client.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        return (html, new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html));
    }

    private async Task<MimeMessage> MailToAsync(string email)
    {
        foreach (var file in new DirectoryInfo(Portal.MailFolder).GetFiles("*.eml").OrderByDescending(f => f.Name))
        {
            var message = await MimeMessage.LoadAsync(file.FullName);
            if (message.To.Mailboxes.Any(m => m.Address == email))
            {
                return message;
            }
        }

        throw new InvalidOperationException($"No mail to {email}.");
    }
}
