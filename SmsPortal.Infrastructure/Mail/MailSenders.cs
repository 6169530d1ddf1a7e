using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SmsPortal.Infrastructure.Mail;

/// <summary>A mail to send; <paramref name="SenderName"/> replaces the configured sender's display name (a reseller's brand), never its address.</summary>
public sealed record OutgoingMail(string To, string Subject, string HtmlBody, string? SenderName = null);

/// <summary>Sends mail to people: confirmations, password resets, review results, alerts.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

internal static class MimeMessages
{
    public static MimeMessage From(OutgoingMail mail, string from, TimeProvider clock)
    {
        var message = new MimeMessage { Subject = mail.Subject, Date = clock.GetUtcNow() };
        var sender = MailboxAddress.Parse(from);
        if (!string.IsNullOrWhiteSpace(mail.SenderName))
        {
            sender.Name = mail.SenderName;
        }

        message.From.Add(sender);
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Body = new BodyBuilder { HtmlBody = mail.HtmlBody }.ToMessageBody();
        return message;
    }
}

/// <summary>A fresh install has no SMTP server: each mail becomes an .eml file that admins read on the outbox page.</summary>
internal sealed partial class PickupFolderMailSender(MailPickupFolder folder, IOptions<MailOptions> options, TimeProvider clock, ILogger<PickupFolderMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var message = MimeMessages.From(mail, options.Value.From, clock);
        var path = await folder.WriteAsync(message, cancellationToken);
        LogWritten(logger, Path.GetFileName(path));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No SMTP server configured: mail written to the pickup folder as {File}")]
    private static partial void LogWritten(ILogger logger, string file);
}

internal sealed class SmtpMailSender(IOptions<MailOptions> options, TimeProvider clock) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var message = MimeMessages.From(mail, settings.From, clock);
        using var client = new SmtpClient();
        var security = settings.Security switch
        {
            "None" => SecureSocketOptions.None,
            "StartTls" => SecureSocketOptions.StartTls,
            "SslOnConnect" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.SmtpUser))
        {
            await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
