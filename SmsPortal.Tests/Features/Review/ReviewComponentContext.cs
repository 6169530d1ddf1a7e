using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using SmsPortal.Infrastructure.Bootstrap;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Identity;

namespace SmsPortal.Tests.Features.Review;

/// <summary>
/// bUnit with MudBlazor, in English, over the review services of a real portal (its SQLite file): the components
/// read and write what the pages would.
/// </summary>
internal sealed class ReviewComponentContext : IAsyncDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    public ReviewComponentContext(PortalFactory portal)
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        Context.Services.AddMudServices();
        Context.Services.AddLocalization();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddSingleton(portal.Service<TemplateReviewService>());
        Context.Services.AddSingleton(portal.Service<SignatureService>());
        Context.Services.AddSingleton(portal.Service<ReviewQueue>());
        Context.Services.AddSingleton(portal.Service<SmsPortal.Infrastructure.Resellers.ResellerAdministration>());
        Context.Services.AddSingleton(portal.Service<UploadedDocuments>());
        Context.Services.AddSingleton(portal.Service<IOptions<ReviewOptions>>());
        Context.Services.AddSingleton(portal.Service<IOptions<PlatformOptions>>());
        Context.Services.AddSingleton(TimeProvider.System);
        Context.Services.AddScoped<CurrentAccount>();
        Context.Services.AddOptions<SmsPortal.Web.Features.Localization.DisplayOptions>();
        Context.Services.AddScoped<SmsPortal.Web.Features.Localization.DisplayTime>();
        Auth = Context.AddAuthorization();

        // The pages say when they are interactive (tests in a browser wait for it); here they always are.
        Context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    public BunitContext Context { get; } = new();

    public BunitAuthorizationContext Auth { get; }

    public void SignInCustomer(int accountId)
    {
        Auth.SetAuthorized("customer@example.com");
        Auth.SetClaims(new Claim(CurrentAccount.ClaimType, accountId.ToString(CultureInfo.InvariantCulture)));
    }

    public void SignInAdmin()
    {
        Auth.SetAuthorized(PortalFactory.AdminEmail);
        Auth.SetRoles("Admin");
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "bunit-admin"));
    }

    /// <summary>Popovers (selects, menus) need their provider on the page, as the layout has it.</summary>
    public void RenderProviders() => Context.Render<MudPopoverProvider>();

    // MudBlazor's services are only asynchronously disposable.
    public async ValueTask DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _culture;
        await Context.DisposeAsync();
    }
}
