using System.Globalization;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using SmsPortal.Web.Components.Layout;

namespace SmsPortal.Tests.Features.Shell;

public sealed class ShellComponentTests : IAsyncLifetime
{
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;
    private readonly BunitContext _context = new();

    public ShellComponentTests()
    {
        _context.Services.AddMudServices();
        _context.Services.AddLocalization();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        CultureInfo.CurrentUICulture = new CultureInfo("en");
    }

    private BunitJSInterop JSInterop => _context.JSInterop;

    private IServiceProvider Services => _context.Services;

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are only asynchronously disposable.
    public async Task DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _culture;
        await _context.DisposeAsync();
    }

    private BunitAuthorizationContext AddAuthorization() => _context.AddAuthorization();

    private IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null) where T : IComponent
    {
        _context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return parameters is null ? _context.Render<T>() : _context.Render<T>(parameters);
    }

    /// <summary>The navigation as the signed-in person with that role sees it, on the page at <paramref name="at"/> if given.</summary>
    private IRenderedComponent<NavMenu> NavFor(string email, string role, string? at = null)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(email);
        auth.SetRoles(role);
        if (at is not null)
        {
            Services.GetRequiredService<NavigationManager>().NavigateTo(at);
        }

        return Render<NavMenu>();
    }

    [Fact]
    public void AnAdminSeesTheAdminNavigationAndNotTheCustomerOne()
    {
        var nav = NavFor("admin@example.com", "Admin");

        var links = nav.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("admin/accounts", links);
        Assert.Contains("admin/jobs", links);
        Assert.Contains("admin/mail", links);
        Assert.Contains("admin/settings", links);
        Assert.DoesNotContain("console/api-keys", links);
        Assert.Contains("Administration", nav.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ACustomerSeesTheConsoleNavigationAndNoAdminEntries()
    {
        var nav = NavFor("someone@example.com", "Customer");

        var links = nav.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("console", links);
        Assert.Contains("console/api-keys", links);
        Assert.Contains("console/send", links);
        Assert.Contains("console/records", links);
        Assert.Contains("console/settings", links);
        Assert.DoesNotContain(links, l => l!.StartsWith("admin", StringComparison.Ordinal));
    }

    [Fact]
    public void TheLinkOfThePageShownIsMarkedActiveAndFollowsNavigation()
    {
        var nav = NavFor("someone@example.com", "Customer", at: "console/records?page=2");
        var navigation = Services.GetRequiredService<NavigationManager>();

        string[] Active() => nav.FindAll("a.active").Select(a => a.GetAttribute("href") ?? "").ToArray();
        Assert.Equal(["console/records"], Active());
        Assert.Equal("page", nav.Find("a[href='console/records']").GetAttribute("aria-current"));
        Assert.Null(nav.Find("a[href='console/send']").GetAttribute("aria-current"));
        // The overview matches its whole address only; the others their address and what lies below it.
        navigation.NavigateTo("console/send/batch");
        nav.WaitForAssertion(() => Assert.Equal(["console/send"], Active()));
        navigation.NavigateTo("console");
        nav.WaitForAssertion(() => Assert.Equal(["console"], Active()));
        navigation.NavigateTo("console/recordsx");
        nav.WaitForAssertion(() => Assert.Empty(Active()));
        // The links are MudNavLink's markup with its icon, each a plain link the keyboard reaches.
        Assert.All(nav.FindAll("a.mud-nav-link"), a => Assert.NotNull(a.QuerySelector("svg.mud-nav-link-icon")));
        Assert.Empty(nav.FindAll("a.mud-nav-link[tabindex='-1']"));
    }

    [Fact]
    public void ThePagesOutsideTheRouterAreLoadedWhole()
    {
        var nav = NavFor("admin@example.com", "Admin");

        Assert.Equal("_top", nav.Find("a[href='admin/jobs']").GetAttribute("target"));
        Assert.Equal("_top", nav.Find("a[href='Account/Manage']").GetAttribute("target"));
        Assert.Null(nav.Find("a[href='admin/accounts']").GetAttribute("target"));
        Assert.Equal("nav-international", nav.Find("a[href='admin/international']").GetAttribute("data-testid"));
    }

    [Fact]
    public void TheNavigationSpeaksChineseToAChineseReader()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var nav = NavFor("admin@example.com", "Admin");

        Assert.Contains("平台管理", nav.Markup, StringComparison.Ordinal);
        Assert.Contains("客户账户", nav.Markup, StringComparison.Ordinal);
        Assert.Contains("后台任务", nav.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Administration", nav.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLanguageSwitchOffersChineseAndComesBackToThisPage()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("console/api-keys");

        var link = Render<LanguageSwitch>().Find("a");

        Assert.Equal("culture/set?culture=zh-CN&redirectUri=%2Fconsole%2Fapi-keys", link.GetAttribute("href"));
        Assert.Contains("中文", link.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLanguageSwitchFollowsNavigationInsideTheConsole()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("console/records");
        var switcher = Render<LanguageSwitch>();

        navigation.NavigateTo("console/settings");

        switcher.WaitForAssertion(() => Assert.Equal("culture/set?culture=zh-CN&redirectUri=%2Fconsole%2Fsettings", switcher.Find("a").GetAttribute("href")));
    }

    [Fact]
    public void TheLanguageSwitchOffersEnglishToAChineseReader()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");

        var link = Render<LanguageSwitch>().Find("a");

        Assert.StartsWith("culture/set?culture=en&", link.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("English", link.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TheConsoleLayoutShowsThePageAndRemembersDarkMode()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("someone@example.com");
        auth.SetRoles("Customer");
        var themeCookie = JSInterop.SetupVoid("smsPortal.setThemeCookie", true);

        var layout = Render<ConsoleLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id=\"page\">the page</p>"))));
        layout.Find("[data-testid=theme-toggle]").Click();

        Assert.Equal("the page", layout.Find("#page").TextContent);
        Assert.Single(themeCookie.Invocations);
        Assert.NotNull(layout.Find("[data-testid=sign-out]"));
        Assert.Contains("someone@example.com", layout.Markup, StringComparison.Ordinal);
    }
}
