using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Doors.Smtp;

/// <summary>
/// Section "Smtp": the Email-to-SMS door. Off unless <see cref="Port"/> is set (0 takes any free port, for tests).
/// Every setting is checked at start; a wrong one stops the process with its name in the error.
/// </summary>
public sealed class SmtpDoorOptions
{
    public const string Section = "Smtp";

    /// <summary>The TCP port; null (unset) keeps the door shut.</summary>
    public int? Port { get; init; }

    /// <summary>The address to listen on (default every IPv4 and IPv6 address).</summary>
    public IPAddress Host { get; init; } = IPAddress.IPv6Any;

    /// <summary>The SMS mail domain: mail to &lt;mobile&gt;@ this domain is an SMS; every other domain is refused (no relay).</summary>
    public string Domain { get; init; } = "";

    /// <summary>The name the server greets with (EHLO answer); the domain when unset.</summary>
    public string ServerName { get; init; } = "";

    /// <summary>Recipients (numbers) of one mail; one more is answered 452 at RCPT.</summary>
    public int MaxRecipients { get; init; } = 50;

    /// <summary>The largest mail taken, headers and attachments included; a larger one is answered 552.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024;

    /// <summary>A PKCS#12 (.pfx) file with the certificate and key for STARTTLS; without it the door offers no TLS.</summary>
    public string? CertificatePath { get; init; }

    public string? CertificatePassword { get; init; }

    /// <summary>The certificate loaded from <see cref="CertificatePath"/>, checked at start.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>SMTP AUTH over a connection without TLS: by default true in Development only, and never allowed outside it (the key would cross the network in clear).</summary>
    public bool AllowAuthWithoutTls { get; init; }

    /// <summary>A session idle this long between commands is closed.</summary>
    public int SessionTimeoutSeconds { get; init; } = 120;

    /// <summary>How often receipt mails still owed are looked for.</summary>
    public int ReceiptPollSeconds { get; init; } = 5;

    /// <summary>The pause before a reply mail the mail server refused is tried again; doubled after each try, at most an hour.</summary>
    public int ReplyRetrySeconds { get; init; } = 60;

    public bool Enabled => Port is not null;

    /// <summary>Reads and checks the section; throws <see cref="ConfigurationException"/> naming every wrong setting (the first as its <see cref="ConfigurationException.Setting"/>).</summary>
    public static SmtpDoorOptions From(IConfiguration section, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(section);
        var read = new ChannelSettingsReader(Section + ":", section);
        var host = IPAddress.IPv6Any;
        if (read.Raw(SmtpDoorDeclaration.Host.Name) is { } hostText && !IPAddress.TryParse(hostText.Trim(), out host!))
        {
            read.Problem(SmtpDoorDeclaration.Host.Name, $"'{hostText}' is not an IP address (use 0.0.0.0, :: or 127.0.0.1)");
            host = IPAddress.IPv6Any;
        }

        var port = read.OptionalNumber(SmtpDoorDeclaration.Port);
        var domain = (read.Raw(SmtpDoorDeclaration.Domain.Name) ?? "").Trim().TrimEnd('.').ToLowerInvariant();
        if (port is not null && !IsDomain(domain))
        {
            read.Problem(SmtpDoorDeclaration.Domain.Name, domain.Length == 0
                ? "is required when Smtp:Port is set: the SMS mail domain (mail to <mobile>@ that domain becomes an SMS)"
                : $"'{domain}' is not a domain name (letters, digits and hyphens, with at least one dot)");
        }

        var certificatePath = read.Raw(SmtpDoorDeclaration.CertificatePath.Name)?.Trim();
        var certificatePassword = read.Raw(SmtpDoorDeclaration.CertificatePassword.Name);
        X509Certificate2? certificate = null;
        if (port is not null && certificatePath is not null)
        {
            certificate = LoadCertificate(certificatePath, certificatePassword, read);
        }

        var allowAuthWithoutTls = read.Raw(SmtpDoorDeclaration.AllowAuthWithoutTls.Name) is null ? isDevelopment : read.Flag(SmtpDoorDeclaration.AllowAuthWithoutTls);
        if (allowAuthWithoutTls && !isDevelopment)
        {
            read.Problem(SmtpDoorDeclaration.AllowAuthWithoutTls.Name, "may be true only in Development: outside it SMTP AUTH needs STARTTLS (Smtp:Certificate:Path)");
            allowAuthWithoutTls = false;
        }

        var options = new SmtpDoorOptions
        {
            Port = port,
            Host = host,
            Domain = domain,
            ServerName = read.Raw(SmtpDoorDeclaration.ServerName.Name)?.Trim() ?? domain,
            MaxRecipients = read.Number(SmtpDoorDeclaration.MaxRecipients),
            MaxMessageBytes = read.Number(SmtpDoorDeclaration.MaxMessageBytes),
            CertificatePath = certificatePath,
            CertificatePassword = certificatePassword,
            Certificate = certificate,
            AllowAuthWithoutTls = allowAuthWithoutTls,
            SessionTimeoutSeconds = read.Number(SmtpDoorDeclaration.SessionTimeoutSeconds),
            ReceiptPollSeconds = read.Number(SmtpDoorDeclaration.ReceiptPollSeconds),
            ReplyRetrySeconds = read.Number(SmtpDoorDeclaration.ReplyRetrySeconds),
        };
        read.ThrowIfAnyInConfiguration();
        return options;
    }

    private static X509Certificate2? LoadCertificate(string path, string? password, ChannelSettingsReader read)
    {
        var setting = SmtpDoorDeclaration.CertificatePath.Name;
        if (!File.Exists(path))
        {
            read.Problem(setting, $"'{path}' does not exist");
            return null;
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            if (!certificate.HasPrivateKey)
            {
                read.Problem(setting, $"'{path}' holds no private key (a .pfx with the certificate and its key is needed)");
            }

            return certificate;
        }
        catch (CryptographicException e)
        {
            read.Problem(setting, $"'{path}' cannot be read as a PKCS#12 file with the given Smtp:Certificate:Password ({e.Message.TrimEnd('.')})");
            return null;
        }
    }

    private static bool IsDomain(string domain) =>
        domain.Length is > 3 and <= 253 && domain.Contains('.', StringComparison.Ordinal)
        && domain.Split('.').All(label => label.Length is > 0 and <= 63 && !label.StartsWith('-') && !label.EndsWith('-') && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
}
