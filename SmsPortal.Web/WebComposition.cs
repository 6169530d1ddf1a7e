using Hangfire;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using SmsPortal.Infrastructure.Identity;
using SmsPortal.Infrastructure.Jobs;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Web.Components;
using SmsPortal.Web.Features.ApiAccess;
using SmsPortal.Web.Features.ApiReference;
using SmsPortal.Web.Features.Billing;
using SmsPortal.Web.Features.Channels;
using SmsPortal.Web.Features.Replies;
using SmsPortal.Web.Features.Resellers;
using SmsPortal.Web.Features.Identity;
using SmsPortal.Web.Features.International;
using SmsPortal.Web.Features.Localization;
using SmsPortal.Web.Features.Observability;
using SmsPortal.Web.Features.Sending;
using SmsPortal.Web.Features.Statistics;
using SmsPortal.Web.Features.VendorApi;
using SmsPortal.Web.Features.RestApi;
using SmsPortal.Web.Features.Review;
using SmsPortal.Web.Features.Security;
using SmsPortal.Web.Features.Verify;

namespace SmsPortal.Web;

public static class WebComposition
{
    /// <summary>The console, the identity pages and the HTTP interfaces.</summary>
    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, NodeOptions node)
    {
        // Vendor clients post in GBK and its kin as well as UTF-8.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        // The send page takes up to 100,000 typed numbers (about 1.3 MB of text in one input event): SignalR's 32 KB default cuts the circuit.
        services.AddRazorComponents().AddInteractiveServerComponents().AddHubOptions(o => o.MaximumReceiveMessageSize = 2 * 1024 * 1024);
        services.AddMudServices();
        services.AddTransient<MudBlazor.MudLocalizer, ResxMudLocalizer>();
        services.AddLocalization();
        services.AddCultures();

        services.AddTransportSecurity(environment);
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
        });

        new IdentityBuilder(typeof(ApplicationUser), typeof(IdentityRole), services)
            .AddSignInManager()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<SmsPortalClaimsFactory>();
        services.AddScoped<IEmailSender<ApplicationUser>, IdentityEmailSender>();
        services.AddScoped<CustomerRegistration>();
        services.AddScoped<IdentityMails>();
        services.AddScoped<Features.Resellers.InvitationMails>();
        services.AddSingleton<Features.Resellers.CustomerInvitations>();
        services.AddSingleton<Features.Resellers.SellingErrors>();
        services.AddOptions<PhoneSignInOptions>().Bind(configuration.GetSection(PhoneSignInOptions.Section)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<PhoneSignInOptions>, PhoneSignInOptionsValidator>();
        services.AddScoped<PhoneCodes>();

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin).AddRequirements(new TwoFactorEnrolmentRequirement()))
            .AddPolicy(Policies.Console, p => p.RequireAuthenticatedUser().AddRequirements(new TwoFactorEnrolmentRequirement()));
        services.AddSingleton<TwoFactorEnrolment>();
        services.AddSingleton<IAuthorizationHandler, TwoFactorEnrolmentHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, TwoFactorSetupRedirect>();

        services.AddScoped<CurrentAccount>();
        services.AddOptions<DisplayOptions>().Bind(configuration.GetSection(DisplayOptions.Section))
            .Validate(o => DisplayTime.TryFind(o.TimeZone) is not null, "Display:TimeZone names no time zone this machine knows (an IANA id such as Asia/Shanghai).")
            .ValidateOnStart();
        services.AddScoped<DisplayTime>();
        services.AddApiReference();
        services.AddApiRateLimiting();
        services.AddScoped<BillingActors>();
        services.AddSingleton<ChannelAdministration>();
        services.AddSingleton<ReplyRecords>();
        services.AddObservability(configuration);
        return services;
    }

    public static WebApplication UseWeb(this WebApplication app, NodeOptions node)
    {
        app.UseTransportSecurity();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        app.MapMetrics();
        if (!node.RunsWeb)
        {
            // A worker-only node answers /health and runs jobs; it serves no pages.
            return app;
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authentication: a token issued to a signed-in person is checked against that person, not an anonymous one.
        app.UseAntiforgery();
        app.UseRateLimiter();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        app.MapReviewEndpoints();
        app.MapCultureEndpoints();
        app.MapVendorApi();
        app.MapHttpChannelCallbacks();
        app.MapRestApi();
        app.MapRestBatches();
        app.MapVerifyRestApi();
        app.MapResellerApi();
        app.MapResellerCatalogueApi();
        app.MapResellerInternationalApi();
        app.MapResellerViewApi();
        app.MapBrandLogo();
        app.MapVerifyVendorApi();
        app.MapTwilioVerify();
        app.MapApiReference();
        app.MapBillingEndpoints();
        app.MapInternationalEndpoints();
        app.MapRecordsExport();
        app.MapRepliesExport();
        app.MapStatisticsExport();
        app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Admin, "/admin/jobs", new DashboardOptions
        {
            Authorization = [],
            AppPath = "/admin",
            DashboardTitle = "SmsPortal jobs",
        });
        return app;
    }
}
