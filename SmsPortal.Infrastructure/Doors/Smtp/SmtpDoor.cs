using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmtpServer;
using SmtpServer.Net;

namespace SmsPortal.Infrastructure.Doors.Smtp;

/// <summary>
/// The SMTP listener (the SmtpServer package) on <see cref="SmtpDoorOptions.Port"/>: STARTTLS with the configured
/// certificate, AUTH only over TLS (outside Development), the size limit enforced while DATA is read (552).
/// What is accepted and refused is decided by <see cref="SmtpDoorMailboxFilter"/>, <see cref="SmtpDoorAuthenticator"/>
/// and <see cref="SmtpDoorMessageStore"/>.
/// </summary>
internal sealed partial class SmtpDoor(
    SmtpDoorOptions options,
    SmtpDoorStatus status,
    SmtpDoorAuthenticator authenticator,
    SmtpDoorMailboxFilter filter,
    SmtpDoorMessageStore store,
    ILogger<SmtpDoor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var serverOptions = new SmtpServerOptionsBuilder()
            .ServerName(options.ServerName)
            .MaxMessageSize(options.MaxMessageBytes, MaxMessageSizeHandling.Strict)
            .MaxAuthenticationAttempts(3)
            // Every refused RCPT counts as a retry of the session; a mail may name a bad number among its maximum.
            .MaxRetryCount(options.MaxRecipients + 5)
            .Endpoint(endpoint =>
            {
                endpoint.Endpoint(new IPEndPoint(options.Host, options.Port!.Value))
                    .AllowUnsecureAuthentication(options.AllowAuthWithoutTls)
                    .AuthenticationRequired(false)
                    .SessionTimeout(TimeSpan.FromSeconds(options.SessionTimeoutSeconds));
                if (options.Certificate is { } certificate)
                {
                    endpoint.Certificate(certificate);
                }
            })
            .Build();
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) =>
        {
            var port = ((IPEndPoint)e.LocalEndPoint).Port;
            status.Listening(port);
            LogListening(logger, port, options.Domain, options.Certificate is not null);
        };
        var services = new SmtpDoorServices(authenticator, filter, store, listeners);
        var server = new SmtpServer.SmtpServer(serverOptions, services);
        server.SessionFaulted += (_, e) => LogFaulted(logger, e.Exception);
        await server.StartAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMTP door listening on port {Port} for mail to <mobile>@{Domain} (STARTTLS: {Tls})")]
    private static partial void LogListening(ILogger logger, int port, string domain, bool tls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP session faulted")]
    private static partial void LogFaulted(ILogger logger, Exception exception);
}
