using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

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

    public bool Enabled => Port is not null;

    /// <summary>Reads and checks the section; throws <see cref="ConfigurationException"/> naming every wrong setting (the first as its <see cref="ConfigurationException.Setting"/>).</summary>
    public static SmtpDoorOptions From(IConfiguration section, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(section);
        var reader = new SettingsSectionReader(section, Section);
        var problems = reader.Problems;
        var host = reader.ListenAddress("Host");

        var defaults = new SmtpDoorOptions();
        var port = reader.Int(nameof(Port), 0, 0, 65535, optional: true);
        var domain = (section["Domain"] ?? "").Trim().TrimEnd('.').ToLowerInvariant();
        if (port is not null && !IsDomain(domain))
        {
            problems.Add(($"{Section}:Domain", domain.Length == 0
                ? "is required when Smtp:Port is set: the SMS mail domain (mail to <mobile>@ that domain becomes an SMS)."
                : $"'{domain}' is not a domain name (letters, digits and hyphens, with at least one dot)."));
        }

        var certificatePath = section["Certificate:Path"] is { Length: > 0 } path ? path.Trim() : null;
        var certificatePassword = section["Certificate:Password"];
        X509Certificate2? certificate = null;
        if (port is not null && certificatePath is not null)
        {
            if (!File.Exists(certificatePath))
            {
                problems.Add(($"{Section}:Certificate:Path", $"'{certificatePath}' does not exist."));
            }
            else
            {
                try
                {
                    certificate = X509CertificateLoader.LoadPkcs12FromFile(certificatePath, certificatePassword);
                    if (!certificate.HasPrivateKey)
                    {
                        problems.Add(($"{Section}:Certificate:Path", $"'{certificatePath}' holds no private key (a .pfx with the certificate and its key is needed)."));
                    }
                }
                catch (CryptographicException e)
                {
                    problems.Add(($"{Section}:Certificate:Path", $"'{certificatePath}' cannot be read as a PKCS#12 file with the given Smtp:Certificate:Password ({e.Message.TrimEnd('.')})."));
                }
            }
        }

        var allowAuthWithoutTls = isDevelopment;
        if (section["AllowAuthWithoutTls"] is { Length: > 0 } allowText)
        {
            if (!bool.TryParse(allowText.Trim(), out allowAuthWithoutTls))
            {
                problems.Add(($"{Section}:AllowAuthWithoutTls", $"'{allowText}' is not true or false."));
            }
            else if (allowAuthWithoutTls && !isDevelopment)
            {
                problems.Add(($"{Section}:AllowAuthWithoutTls", "may be true only in Development: outside it SMTP AUTH needs STARTTLS (Smtp:Certificate:Path)."));
                allowAuthWithoutTls = false;
            }
        }

        var options = new SmtpDoorOptions
        {
            Port = port,
            Host = host,
            Domain = domain,
            ServerName = section["ServerName"] is { Length: > 0 } name ? name.Trim() : domain,
            MaxRecipients = reader.Int(nameof(MaxRecipients), defaults.MaxRecipients, 1, 1000)!.Value,
            MaxMessageBytes = reader.Int(nameof(MaxMessageBytes), defaults.MaxMessageBytes, 1024, 64 * 1024 * 1024)!.Value,
            CertificatePath = certificatePath,
            CertificatePassword = certificatePassword,
            Certificate = certificate,
            AllowAuthWithoutTls = allowAuthWithoutTls,
            SessionTimeoutSeconds = reader.Int(nameof(SessionTimeoutSeconds), defaults.SessionTimeoutSeconds, 5, 3600)!.Value,
            ReceiptPollSeconds = reader.Int(nameof(ReceiptPollSeconds), defaults.ReceiptPollSeconds, 1, 3600)!.Value,
        };
        reader.ThrowIfAny();
        return options;
    }

    private static bool IsDomain(string domain) =>
        domain.Length is > 3 and <= 253 && domain.Contains('.', StringComparison.Ordinal)
        && domain.Split('.').All(label => label.Length is > 0 and <= 63 && !label.StartsWith('-') && !label.EndsWith('-') && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
}
