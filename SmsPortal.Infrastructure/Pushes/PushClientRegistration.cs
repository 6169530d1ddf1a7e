using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SmsPortal.Infrastructure.Pushes;

internal static class PushClientRegistration
{
    /// <summary>The largest answer a push receiver may send back ("success" is all we read).</summary>
    public const int MaxAnswerBytes = 64 * 1024;

    /// <summary>
    /// <see cref="PushUrlPolicy"/> and the "customer-pushes" client every push goes through: it dials only what the
    /// policy allows, follows no redirect, and gives up after 10 s whatever the receiver does.
    /// </summary>
    public static IServiceCollection AddCustomerPushClient(this IServiceCollection services, IConfiguration configuration)
    {
        var policy = PushUrlPolicy.FromConfiguration(configuration);
        var maxConnections = PushUrlPolicy.DefaultMaxConnectionsPerServer;
        if (configuration[PushUrlPolicy.MaxConnectionsPerServerSetting] is { } text
            && (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out maxConnections) || maxConnections is < 1 or > 1000))
        {
            throw new ConfigurationException(PushUrlPolicy.MaxConnectionsPerServerSetting, $"'{text}' is not a whole number from 1 to 1000.");
        }

        services.AddSingleton(policy);
        services.AddHttpClient(PushOutbox.HttpClientName, client =>
            {
                client.Timeout = TimeSpan.FromSeconds(10);
                client.MaxResponseContentBufferSize = MaxAnswerBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(() => policy.CreateHandler(maxConnections))
            // The pump logs what came of each push; the factory's per-request log scopes and lines cost CPU per message.
            .RemoveAllLoggers();
        return services;
    }
}
