using System.Globalization;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using SmsPortal.Web.Components.Layout;

namespace SmsPortal.Tests.Features.Review;

public sealed class ReviewNavigationTests : IAsyncLifetime
{
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;
    private readonly BunitContext _context = new();

    public ReviewNavigationTests()
    {
        _context.Services.AddMudServices();
        _context.Services.AddLocalization();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _culture;
        await _context.DisposeAsync();
    }

    [Fact]
    public void ACustomerFindsSignaturesVerificationAndBlacklist()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        _context.AddAuthorization().SetAuthorized("someone@example.com");

        var nav = _context.Render<NavMenu>();

        var links = nav.FindAll("a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToList();
        Assert.Contains(("console/review", "Signatures & templates"), links);
        Assert.Contains(("console/verification", "Verification"), links);
        Assert.Contains(("console/blacklist", "Blacklist"), links);
        Assert.DoesNotContain(links, l => l.Item1 == "admin/review");
    }

    [Fact]
    public void AnAdminFindsTheQueueWordsBlacklistAndAuditLogInChinese()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var auth = _context.AddAuthorization();
        auth.SetAuthorized("admin@example.com");
        auth.SetRoles("Admin");

        var nav = _context.Render<NavMenu>();

        var links = nav.FindAll("a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToList();
        Assert.Contains(("admin/review", "审核队列"), links);
        Assert.Contains(("admin/sensitive-words", "敏感词"), links);
        Assert.Contains(("admin/blacklist", "黑名单"), links);
        Assert.Contains(("admin/audit-log", "审核日志"), links);
        Assert.DoesNotContain(links, l => l.Item1 == "console/review");
    }
}
