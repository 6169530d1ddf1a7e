using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Infrastructure.Jobs;

namespace SmsPortal.Infrastructure.Channels.Smpp.Server;

public static class SmppServerRegistration
{
    /// <summary>
    /// The SMPP server for customers, on nodes with the Web role (it is a door, like the HTTP APIs) when
    /// <c>Smpp:Port</c> is set. The settings are checked here, at start, on every node. <see cref="SmppServerStatus"/>
    /// is always registered so the admin page can say the server is off.
    /// </summary>
    public static IServiceCollection AddSmppServer(this IServiceCollection services, IConfiguration configuration, NodeOptions node)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(node);
        var options = SmppServerOptions.From(configuration.GetSection(SmppServerOptions.Section));
        services.AddSingleton<SmppServerStatus>();
        if (options.Enabled && node.RunsWeb)
        {
            services.AddSingleton(options);
            services.AddSingleton<SmppForwarder>();
            services.AddSingleton<SmppServer>();
            services.AddHostedService(sp => sp.GetRequiredService<SmppServer>());
        }

        return services;
    }
}
