using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels.Smpp;

public static class SmppChannelRegistration
{
    /// <summary>The SMPP client channel type (an <see cref="IChannelFactory"/>); channels themselves are made by the registry.</summary>
    public static IServiceCollection AddSmppChannels(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IChannelFactory, SmppChannelFactory>();
        return services;
    }
}
