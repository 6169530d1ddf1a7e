using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels.Http;

internal static class HttpChannelRegistration
{
    /// <summary>The "Http" channel type, its per-channel HTTP clients and the callbacks' channel lookup.</summary>
    public static IServiceCollection AddHttpChannels(this IServiceCollection services)
    {
        // Providers in mainland China often want GBK.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        services.AddHttpClient();
        services.AddSingleton<HttpChannelClients>();
        services.AddSingleton<IConfigureOptions<HttpClientFactoryOptions>>(sp => sp.GetRequiredService<HttpChannelClients>());
        services.AddSingleton<HttpChannelCallbackHandler>();
        services.AddSingleton<HttpChannelFactory>();
        services.AddSingleton<IChannelFactory>(sp => sp.GetRequiredService<HttpChannelFactory>());
        return services;
    }
}
