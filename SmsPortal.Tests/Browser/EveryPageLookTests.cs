using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Tests.Features.Billing;
using SmsPortal.Tests.Features.Resellers;
using SmsPortal.Tests.Support;
using Xunit.Abstractions;
using ComponentRoute = Microsoft.AspNetCore.Components.RouteAttribute;

namespace SmsPortal.Tests.Browser;

/// <summary>
/// Every page of the portal, found by its <c>@page</c> route, visited by the person it is for, screenshotted into
/// .artifacts/screenshots and checked by axe-core (contrast and labels), for width at 390 px, for errors in the
/// browser's console, for failed requests of the portal's own assets and for errors the portal logs.
/// </summary>
/// <remarks>
/// Eight looks per page (two languages × light and dark × 1366 and 390 px) would take too long on two cores, so each page
/// gets two looks that between them are both languages, one dark, and both widths, and the pairs rotate from page to
/// page so that every one of the eight looks is met on some page:
/// en-light-1366 + zh-dark-390, zh-light-390 + en-dark-1366, zh-light-1366 + en-dark-390, en-light-390 + zh-dark-1366.
/// </remarks>
[Trait("Category", "Browser")]
public sealed class EveryPageLookTests(BrowserSession session, ITestOutputHelper output) : IClassFixture<BrowserSession>
{
    private const string Password = "Tour#2026";

    private enum Person
    {
        Anonymous,
        Customer,
        Reseller,
        Admin,
    }

    private sealed record Look(bool Chinese, bool Dark, int Width)
    {
        public override string ToString() => $"{(Chinese ? "zh" : "en")}-{(Dark ? "dark" : "light")}-{Width}";
    }

    /// <summary>A route, who visits it, and the addresses visited for it; {account}, {template} and {customer} are filled from the seeded data.</summary>
    private sealed record Stop(string Route, Person Who, params string[] Paths);

    private static readonly Look[][] Pairs =
    [
        [new(false, false, 1366), new(true, true, 390)],
        [new(true, false, 390), new(false, true, 1366)],
        [new(true, false, 1366), new(false, true, 390)],
        [new(false, false, 390), new(true, true, 1366)],
    ];

    private static readonly Stop[] Tour =
    [
        new("/", Person.Anonymous, "/"),
        new("/Account/AccessDenied", Person.Anonymous, "/Account/AccessDenied"),
        new("/Account/ForgotPassword", Person.Anonymous, "/Account/ForgotPassword"),
        new("/Account/ForgotPasswordConfirmation", Person.Anonymous, "/Account/ForgotPasswordConfirmation"),
        new("/Account/InvalidPasswordReset", Person.Anonymous, "/Account/InvalidPasswordReset"),
        new("/Account/InvalidUser", Person.Anonymous, "/Account/InvalidUser"),
        new("/Account/Lockout", Person.Anonymous, "/Account/Lockout"),
        new("/Account/Login", Person.Anonymous, "/Account/Login"),
        new("/Account/LoginByPhone", Person.Anonymous, "/Account/LoginByPhone"),
        new("/Account/Register", Person.Anonymous, "/Account/Register"),
        new("/Account/RegisterByPhone", Person.Anonymous, "/Account/RegisterByPhone"),
        new("/Account/RegisterConfirmation", Person.Anonymous, "/Account/RegisterConfirmation"),
        new("/Account/ResendEmailConfirmation", Person.Anonymous, "/Account/ResendEmailConfirmation"),
        new("/Account/ResetPasswordByPhone", Person.Anonymous, "/Account/ResetPasswordByPhone"),
        new("/Account/ResetPasswordConfirmation", Person.Anonymous, "/Account/ResetPasswordConfirmation"),
        new("/Error", Person.Anonymous, "/Error"),
        new("/not-found", Person.Anonymous, "/not-found"),
        new("/pay/sandbox", Person.Anonymous, "/pay/sandbox"),
        new("/Account/Manage", Person.Customer, "/Account/Manage"),
        new("/Account/Manage/ChangePassword", Person.Customer, "/Account/Manage/ChangePassword"),
        new("/Account/Manage/EnableAuthenticator", Person.Customer, "/Account/Manage/EnableAuthenticator"),
        new("/Account/Manage/ResetAuthenticator", Person.Customer, "/Account/Manage/ResetAuthenticator"),
        new("/Account/Manage/TwoFactorAuthentication", Person.Customer, "/Account/Manage/TwoFactorAuthentication"),
        new("/console", Person.Customer, "/console"),
        new("/console/send", Person.Customer, "/console/send"),
        new("/console/batches", Person.Customer, "/console/batches"),
        new("/console/records", Person.Customer, "/console/records"),
        new("/console/replies", Person.Customer, "/console/replies"),
        new("/console/statistics", Person.Customer, "/console/statistics"),
        new("/console/api-keys", Person.Customer, "/console/api-keys"),
        new("/console/review", Person.Customer, "/console/review"),
        new("/console/templates/new", Person.Customer, "/console/templates/new"),
        new("/console/templates/{TemplateId:int}/edit", Person.Customer, "/console/templates/{template}/edit"),
        new("/console/verify", Person.Customer, "/console/verify"),
        new("/console/verification", Person.Customer, "/console/verification"),
        new("/console/blacklist", Person.Customer, "/console/blacklist"),
        new("/console/billing", Person.Customer, "/console/billing"),
        new("/console/billing/{Tab}", Person.Customer, "/console/billing/ledger", "/console/billing/invoices", "/console/billing/alert"),
        new("/console/settings", Person.Customer, "/console/settings"),
        new("/console/customers", Person.Reseller, "/console/customers"),
        new("/console/customers/statistics", Person.Reseller, "/console/customers/statistics"),
        new("/console/customers/{ApiId}", Person.Reseller, "/console/customers/{customer}"),
        new("/console/selling", Person.Reseller, "/console/selling"),
        new("/console/international-prices", Person.Reseller, "/console/international-prices"),
        new("/admin", Person.Admin, "/admin"),
        new("/admin/accounts", Person.Admin, "/admin/accounts"),
        new("/admin/accounts/{AccountId:int}", Person.Admin, "/admin/accounts/{account}"),
        new("/admin/statistics", Person.Admin, "/admin/statistics"),
        new("/admin/review", Person.Admin, "/admin/review"),
        new("/admin/sensitive-words", Person.Admin, "/admin/sensitive-words"),
        new("/admin/blacklist", Person.Admin, "/admin/blacklist"),
        new("/admin/audit-log", Person.Admin, "/admin/audit-log"),
        new("/admin/billing", Person.Admin, "/admin/billing"),
        new("/admin/billing/{Tab}", Person.Admin, "/admin/billing/invoices", "/admin/billing/packages", "/admin/billing/adjustments"),
        new("/admin/international", Person.Admin, "/admin/international"),
        new("/admin/resellers", Person.Admin, "/admin/resellers"),
        new("/admin/channels", Person.Admin, "/admin/channels"),
        new("/admin/routes", Person.Admin, "/admin/routes"),
        new("/admin/replies", Person.Admin, "/admin/replies"),
        new("/admin/mail", Person.Admin, "/admin/mail"),
        new("/admin/settings", Person.Admin, "/admin/settings"),
    ];

    /// <summary>Routes not visited, each with the reason; what they redirect to is visited.</summary>
    private static readonly Dictionary<string, string> Excluded = new(StringComparer.Ordinal)
    {
        ["/Account/ConfirmEmail"] = "needs a user id and the mailed code, without them it redirects home; the sign-up journeys open it",
        ["/Account/ResetPassword"] = "needs the mailed reset code, without it it redirects to /Account/InvalidPasswordReset (visited)",
        ["/Account/LoginWith2fa"] = "needs a person half signed in with a second factor, else it redirects to /Account/Login (visited)",
        ["/Account/LoginWithRecoveryCode"] = "needs a person half signed in with a second factor, else it redirects to /Account/Login (visited)",
        ["/Account/Manage/Disable2fa"] = "needs a second factor set up, else it redirects to /Account/Manage/TwoFactorAuthentication (visited)",
        ["/Account/Manage/GenerateRecoveryCodes"] = "needs a second factor set up, else it redirects to /Account/Manage/TwoFactorAuthentication (visited)",
    };

    /// <summary>Each route's page component.</summary>
    private static Dictionary<string, Type> Components() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<ComponentRoute>().Select(r => (r.Template, Type: t)))
            .ToDictionary(r => r.Template, r => r.Type, StringComparer.Ordinal);

    private static IReadOnlyList<string> Routes() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<ComponentRoute>())
            .Select(r => r.Template)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void EveryPageRouteIsVisitedOrExcludedWithAReason()
    {
        var routes = Routes();
        Assert.True(routes.Count >= 66, $"only {routes.Count} routes found");
        var toured = Tour.Select(s => s.Route).ToList();
        Assert.Equal(toured.Count, toured.Distinct(StringComparer.Ordinal).Count());
        var missing = routes.Where(r => !toured.Contains(r) && !Excluded.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0, "routes neither visited nor excluded: " + string.Join(", ", missing));
        var stale = toured.Concat(Excluded.Keys).Where(r => !routes.Contains(r)).ToList();
        Assert.True(stale.Count == 0, "listed routes no page has: " + string.Join(", ", stale));
        Assert.All(Excluded, e => Assert.False(string.IsNullOrWhiteSpace(e.Value)));
        Assert.Empty(toured.Intersect(Excluded.Keys));
    }

    [Fact]
    public async Task EveryPageInBothLanguagesLightAndDarkAtBothWidthsMeetsContrastAndLabelRulesAndFits()
    {
        var clock = Stopwatch.StartNew();
        var seed = await SeedAsync();
        var seeded = clock.Elapsed;
        var problems = new List<string>();
        var pages = new Dictionary<Person, IPage>
        {
            [Person.Anonymous] = await session.NewPageAsync(),
            [Person.Customer] = await SignedInAsync(seed.CustomerEmail),
            [Person.Reseller] = await SignedInAsync(seed.ResellerEmail),
            [Person.Admin] = await SignedInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword),
        };
        var current = "";
        foreach (var page in pages.Values)
        {
            Watch(page, () => current, problems);
        }

        var errorsBefore = session.Errors.Lines.Count;
        var components = Components();
        var visits = Tour.SelectMany(s => s.Paths.Select(p => (s.Who, Path: Fill(p, seed), Component: components[s.Route]))).ToList();
        var planned = visits.Select((v, i) => Pairs[i % Pairs.Length].Select(look => (v.Who, v.Path, v.Component, Look: look))).SelectMany(x => x)
            .GroupBy(v => (v.Who, v.Look));
        var count = 0;
        var slowest = new List<(double Seconds, string Where)>();
        foreach (var group in planned)
        {
            var (who, look) = group.Key;
            var page = pages[who];
            await SetLookAsync(page, look);
            // The first interactive page of a look is loaded whole (the cookies take effect); the rest are reached in the
            // same circuit, as a click on the menu would, which spares a circuit's start per page.
            // The same page component with other parameters keeps its elements, so it is loaded whole as well.
            var inCircuit = false;
            Type? shown = null;
            foreach (var (_, path, component, _) in group)
            {
                current = $"{path} [{look}]";
                var started = Stopwatch.GetTimestamp();
                inCircuit = await VisitAsync(page, path, look, inCircuit && component != shown, problems, current);
                shown = component;
                slowest.Add((Stopwatch.GetElapsedTime(started).TotalSeconds, current));
                count++;
            }
        }

        problems.AddRange(session.Errors.Lines.Skip(errorsBefore).Select(e => $"the portal logged: {e}"));
        output.WriteLine($"{Routes().Count} routes, {visits.Count} addresses, {count} visits in {clock.Elapsed.TotalSeconds:0.0} s (seeding and signing in {seeded.TotalSeconds:0.0} s)");
        output.WriteLine("slowest: " + string.Join(", ", slowest.OrderByDescending(s => s.Seconds).Take(8).Select(s => $"{s.Where} {s.Seconds:0.0} s")));
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join("\n", problems));
    }

    /// <summary>Visits the page, looks at it and answers whether the browser now holds a running circuit.</summary>
    private static async Task<bool> VisitAsync(IPage page, string path, Look look, bool inCircuit, List<string> problems, string where)
    {
        var interactive = path.StartsWith("/console", StringComparison.Ordinal) || path.StartsWith("/admin", StringComparison.Ordinal);
        if (interactive && inCircuit)
        {
            // The new page has rendered once every element of the old page's content is gone.
            await page.EvaluateAsync("path => { window.tourOld = [...document.querySelector('.mud-main-content .mud-container').children]; Blazor.navigateTo(path); }", path);
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
            await page.WaitForFunctionAsync("() => window.tourOld.every(e => !e.isConnected)");
        }
        else
        {
            await page.GotoAsync(path);
            if (interactive)
            {
                await BrowserSession.InteractiveAsync(page);
            }
        }

        await SettledAsync(page);
        var arrived = new Uri(page.Url).AbsolutePath;
        if (!string.Equals(arrived, path, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{where}: landed on {arrived}");
            return false;
        }

        var name = "page" + (path == "/" ? "-landing" : path.Replace('/', '-').ToLowerInvariant()) + "-" + look;
        await BrowserSession.ScreenshotAsync(page, name);
        problems.AddRange((await Axe.ViolationsAsync(page)).Select(v => $"{where}: {v}"));
        var wide = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (wide > look.Width)
        {
            var culprits = await page.EvaluateAsync<string>("""
                () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '')).join(' | ')
                """);
            problems.Add($"{where}: the page is {wide} px wide in a {look.Width} px window ({culprits})");
        }

        // A narrow window stacks a table's cells under each other and hides its header: every cell with a value must
        // then say what the value is (MudTd's DataLabel), or the reader sees bare numbers. Cells of buttons
        // only, and a row-wide message ("no records") are exempt.
        var unlabelled = await page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('table')]
                .filter(t => { const head = t.querySelector('thead'); return head && head.getBoundingClientRect().height === 0; })
                .flatMap(t => [...t.querySelectorAll('tbody td, tfoot td')])
                .filter(td => td.getBoundingClientRect().height > 0 && td.innerText.trim() && !td.querySelector('button') && td.colSpan === 1
                    && !(td.getAttribute('data-label') || '').trim())
                .slice(0, 3).map(td => td.innerText.trim().slice(0, 40)).join(' | ')
            """);
        if (unlabelled.Length > 0)
        {
            problems.Add($"{where}: table cells without a label while the header is hidden: {unlabelled}");
        }

        return interactive;
    }

    /// <summary>Waits until the page has stopped changing for a moment (its data loaded and rendered), at most three seconds.</summary>
    private static Task SettledAsync(IPage page) => page.EvaluateAsync("""
        () => new Promise(resolve => {
          let quiet;
          const observer = new MutationObserver(() => { clearTimeout(quiet); quiet = setTimeout(done, 250); });
          function done() { observer.disconnect(); resolve(); }
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          quiet = setTimeout(done, 250);
          setTimeout(done, 3000);
        })
        """);

    /// <summary>Errors in the browser's console and failed requests for the portal's own addresses, charged to the page being visited.</summary>
    private void Watch(IPage page, Func<string> where, List<string> problems)
    {
        var own = new Uri(session.BaseUrl).Authority;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (problems)
                {
                    problems.Add($"{where()}: console error: {message.Text}");
                }
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && new Uri(response.Url).Authority == own)
            {
                lock (problems)
                {
                    problems.Add($"{where()}: {response.Status} for {response.Url}");
                }
            }
        };
    }

    private async Task<IPage> SignedInAsync(string email, string password = Password)
    {
        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsync(page, email, password);
        return page;
    }

    private Task SetLookAsync(IPage page, Look look) => Task.WhenAll(
        page.SetViewportSizeAsync(look.Width, 860),
        page.Context.AddCookiesAsync(
        [
            new Cookie { Name = "smsportal.theme", Value = look.Dark ? "dark" : "light", Url = session.BaseUrl },
            new Cookie { Name = ".AspNetCore.Culture", Value = look.Chinese ? "c=zh-CN|uic=zh-CN" : "c=en|uic=en", Url = session.BaseUrl },
        ]));

    private sealed record Seed(string CustomerEmail, int CustomerAccount, int Template, string ResellerEmail, string ResellerCustomer);

    private static string Fill(string path, Seed seed) => path
        .Replace("{account}", seed.CustomerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{template}", seed.Template.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{customer}", seed.ResellerCustomer, StringComparison.Ordinal);

    /// <summary>A customer with a signature, a template and sends in every state; a reseller with a customer of its own.</summary>
    private async Task<Seed> SeedAsync()
    {
        var customer = await TestAccounts.CreateAsync(session.Portal, credits: 500, verified: true, paid: true, signatures: ["SmsPortal"],
            templates: [("code", "您的验证码是${code}，5分钟内有效。", TemplateKind.VerificationCode)]);
        var customerEmail = await PersonAsync(customer.Id);
        var now = DateTimeOffset.UtcNow;
        await using (var db = await session.Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            db.Messages.AddRange(
                new[]
                {
                    (MessageStatus.Delivered, (string?)"SIM1", "id:SIM1 sub:001 dlvrd:001 submit date:2612012330 done date:2612012330 stat:DELIVRD err:000 text:"),
                    (MessageStatus.Failed, null, "submit_sm_resp command_status=0x00000045 (ESME_RSUBMITFAIL)"),
                    (MessageStatus.Failed, "SIM3", "id:SIM3 sub:001 dlvrd:000 submit date:2612012330 done date:2612012330 stat:UNDELIV err:001 text:"),
                    (MessageStatus.Submitted, "SIM4", null),
                }.Select(r => new Message
                {
                    AccountId = customer.Id, Mobile = "13800138006", Text = "【SmsPortal】您的验证码是1234，5分钟内有效。", Parts = 1, Status = r.Item1,
                    Door = SubmissionDoor.VendorApi, AcceptedAt = now, SubmittedAt = r.Item2 is null ? null : now, DoneAt = r.Item1 == MessageStatus.Submitted ? null : now,
                    Channel = "simulator", UpstreamId = r.Item2, UpstreamStatus = r.Item3,
                }));
            await db.SaveChangesAsync();
        }

        var reseller = await TestAccounts.CreateAsync(session.Portal, credits: 1000, paid: true);
        var resellerEmail = await PersonAsync(reseller.Id);
        var host = $"t{Guid.NewGuid():N}"[..13] + ".agent.test";
        var saved = await session.Portal.Service<ResellerAdministration>().SaveAsync(reseller.ApiId, ResellerWorld.Settings(host), BillingWorld.Admin, CancellationToken.None);
        Assert.True(saved.Ok, saved.Error);
        var made = await ResellerWorld.Api(session.Portal, reseller).CreateCustomerAsync("Tour Customer Co");
        var resellerCustomer = made.Body.GetProperty("apiId").GetString()!;
        return new Seed(customerEmail, customer.Id, customer.Templates["code"], resellerEmail, resellerCustomer);
    }

    private async Task<string> PersonAsync(int accountId)
    {
        var email = $"tour-{Guid.NewGuid():N}@example.com";
        await using var scope = session.Portal.Services.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var person = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, AccountId = accountId, IsAccountOwner = true, CreatedAt = DateTimeOffset.UtcNow };
        var created = await people.CreateAsync(person, Password);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Code)));
        return email;
    }
}
