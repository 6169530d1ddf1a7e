using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using SmsPortal.Infrastructure.Bootstrap;

namespace SmsPortal.Web.Features.Security;

/// <summary>
/// Behind a reverse proxy: whose X-Forwarded-For/-Proto to believe (Platform:KnownProxies, Platform:KnownNetworks,
/// nobody's by default); outside Development: cookies only over https and HSTS.
/// </summary>
internal static class TransportSecurity
{
    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<PlatformOptions>>((forwarded, platform) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Every hop must come from a known proxy before its header is read, so a chain of them may be walked.
            forwarded.ForwardLimit = null;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in platform.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
            }

            foreach (var network in platform.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
            }
        });

        if (!environment.IsDevelopment())
        {
            services.ConfigureAll<CookieAuthenticationOptions>(cookie => cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            services.AddAntiforgery(antiforgery => antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            // The rest (language, status messages) too.
            services.Configure<CookiePolicyOptions>(policy => policy.Secure = CookieSecurePolicy.Always);
        }

        return services;
    }

    /// <summary>First in the pipeline: everything after it sees the caller's address and scheme.</summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        var platform = app.Services.GetRequiredService<IOptions<PlatformOptions>>().Value;
        // With both lists empty the middleware would believe anyone's headers: it runs only when a proxy is named.
        if (platform.KnownProxies.Length > 0 || platform.KnownNetworks.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseCookiePolicy();
        }

        return app;
    }
}
