using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmsPortal.Infrastructure.Jobs;

namespace SmsPortal.Infrastructure.Doors.Smtp;

public static class SmtpDoorRegistration
{
    /// <summary>
    /// The SMTP door on nodes with the Web role when <c>Smtp:Port</c> is set; its settings are checked here, at start.
    /// Receipt mails are sent by every node where the door is configured (each claims a mail before sending it).
    /// <see cref="SmtpDoorStatus"/> is always registered so pages and tests can say whether the door is open.
    /// </summary>
    public static IServiceCollection AddSmtpDoor(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, NodeOptions node)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(node);
        var options = SmtpDoorOptions.From(configuration.GetSection(SmtpDoorOptions.Section), environment.IsDevelopment());
        services.AddSingleton(options);
        services.AddSingleton<SmtpDoorStatus>();
        services.AddSingleton<MailDoorAccounts>();
        if (options.Enabled && node.RunsWeb)
        {
            services.AddSingleton<SmtpDoorAuthenticator>();
            services.AddSingleton<SmtpDoorMailboxFilter>();
            services.AddSingleton<SmtpDoorMessageStore>();
            services.AddSingleton<SmtpDoorReplyMail>();
            services.AddHostedService<SmtpDoor>();
        }

        if (options.Enabled)
        {
            services.AddHostedService<MailReceiptPump>();
            services.AddSingleton<MailReplyOutbox>();
            services.AddHostedService<MailReplyPump>();
        }

        return services;
    }
}
