using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmsPortal.Web.Features.Identity;
using SmsPortal.Web.Features.Localization;

namespace SmsPortal.Tests.Support;

/// <summary>
/// A console page rendered by bUnit on the portal's real services, for a person signed in to one account:
/// MudBlazor, localisation (English), loose JS interop, the account claim, an interactive renderer.
/// </summary>
public sealed class ConsolePageContext : IAsyncDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    /// <param name="services">The portal's own singletons the page needs, registered by their concrete type.</param>
    public ConsolePageContext(int accountId, params object[] services)
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        Context.Services.AddMudServices();
        Context.Services.AddLocalization();
        foreach (var service in services)
        {
            Context.Services.AddSingleton(service.GetType(), service);
        }

        Context.Services.AddScoped<CurrentAccount>();
        Context.Services.AddOptions<DisplayOptions>();
        Context.Services.TryAddSingleton(TimeProvider.System);
        Context.Services.AddScoped<DisplayTime>();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        _auth = Context.AddAuthorization();
        _auth.SetAuthorized("owner@example.com");
        _accountClaim = new Claim(CurrentAccount.ClaimType, accountId.ToString(CultureInfo.InvariantCulture));
        _auth.SetClaims(_accountClaim);
    }

    private readonly BunitAuthorizationContext _auth;
    private readonly Claim _accountClaim;

    /// <summary>More claims of the person's (a chosen time zone), beside the account's.</summary>
    public void AddClaims(params Claim[] claims) => _auth.SetClaims([_accountClaim, .. claims]);

    public BunitContext Context { get; } = new();

    /// <summary>Renders the page interactively and, when given, waits until <paramref name="readySelector"/> is there.</summary>
    public IRenderedComponent<TPage> Render<TPage>(string? readySelector = null) where TPage : IComponent
    {
        Context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var page = Context.Render<TPage>();
        if (readySelector is not null)
        {
            page.WaitForElement(readySelector);
        }

        return page;
    }

    /// <summary>Renders the page interactively with its route parameters and waits until <paramref name="readySelector"/> is there.</summary>
    public IRenderedComponent<TPage> Render<TPage>(Action<ComponentParameterCollectionBuilder<TPage>> parameters, string readySelector) where TPage : IComponent
    {
        Context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var page = Context.Render(parameters);
        // Generous: the first render of a test class on a busy machine compiles MudBlazor's components first.
        page.WaitForElement(readySelector, TimeSpan.FromSeconds(30));
        return page;
    }

    /// <summary>
    /// Waits until <paramref name="page"/> has not rendered for <paramref name="quiet"/>: a grid that has just shown a row
    /// may still be finishing its reload (loading bar, pager), and a test counting renders must start after that.
    /// </summary>
    public static async Task WaitUntilQuietAsync<TPage>(IRenderedComponent<TPage> page, TimeSpan quiet, TimeSpan max) where TPage : IComponent
    {
        var until = DateTime.UtcNow + max;
        var count = page.RenderCount;
        while (DateTime.UtcNow < until)
        {
            await Task.Delay(quiet);
            if (page.RenderCount == count)
            {
                return;
            }

            count = page.RenderCount;
        }

        throw new TimeoutException($"The page still rendered after {max.TotalSeconds} s (render {count}).");
    }

    // MudBlazor's services are only asynchronously disposable.
    public async ValueTask DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _culture;
        await Context.DisposeAsync();
    }
}
