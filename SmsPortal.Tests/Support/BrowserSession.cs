using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace SmsPortal.Tests.Support;

/// <summary>
/// The portal on a real Kestrel port and Debian's Chromium driven by Playwright. Screenshots land in
/// .artifacts/screenshots at the repository root, for people to look at.
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    public BrowserSession() => Portal.TestServices = services => services.AddSingleton<ILoggerProvider>(Errors);

    public PortalFactory Portal { get; } = new();

    /// <summary>The errors the portal logged while the browser used it.</summary>
    public ErrorLog Errors { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    private IPlaywright? _playwright;

    public static string ScreenshotFolder
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SmsPortal.sln")))
            {
                directory = directory.Parent;
            }

            var folder = Path.Combine(directory?.FullName ?? Path.GetTempPath(), ".artifacts", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public async Task InitializeAsync()
    {
        BaseUrl = Portal.StartOnLoopback();

        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync();
    }

    /// <summary>Another Chromium with extra switches (for example <c>--host-resolver-rules</c> to open the portal on other host names); the caller disposes it.</summary>
    public Task<IBrowser> LaunchAsync(params string[] extraArgs) => _playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", .. extraArgs],
    });

    public async Task<IPage> NewPageAsync(string? locale = null, int width = 1366)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 860 },
            Locale = locale ?? "en-US",
        });
        // Generous: two cores are shared by the portal, Chromium and the rest of the suite.
        context.SetDefaultTimeout(45_000);
        context.SetDefaultNavigationTimeout(45_000);
        Assertions.SetDefaultExpectTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Registers through the pages, confirms through the mailed link and signs in, in a page of its own.</summary>
    public async Task<IPage> SignedInCustomerAsync(string email, string password, string company, int width = 1366)
    {
        await People.RegisterAsync(Portal.CreateBrowserLikeClient(), email, password, company);
        var page = await NewPageAsync(width: width);
        await page.GotoAsync(new Uri(await People.ConfirmationLinkAsync(Portal.MailFolder, email)).PathAndQuery);
        await SignInAsync(page, email, password);
        return page;
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    /// <summary>Waits until the console page runs interactively (its circuit is connected).</summary>
    public static Task InteractiveAsync(IPage page) =>
        page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Portal.DisposeAsync();
    }
}
