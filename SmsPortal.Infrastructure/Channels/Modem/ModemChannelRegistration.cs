using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels.Modem;

public static class ModemChannelRegistration
{
    /// <summary>The "Modem" channel type: GSM modem pools on serial ports.</summary>
    public static IServiceCollection AddModemChannels(this IServiceCollection services)
    {
        services.AddSingleton<IChannelFactory, ModemChannelFactory>();
        return services;
    }
}
