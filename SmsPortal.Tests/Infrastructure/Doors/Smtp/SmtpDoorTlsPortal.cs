using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmsPortal.Tests.Infrastructure.Doors.Smtp;

/// <summary>The SMTP door with a certificate for STARTTLS and AUTH refused without TLS, as outside Development.</summary>
public sealed class SmtpDoorTlsPortal : SmtpDoorPortal
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        var path = Path.Combine(Portal.Root, "smtp.pfx");
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + Domain, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pfx-secret"));
        settings["Smtp:Certificate:Path"] = path;
        settings["Smtp:Certificate:Password"] = "pfx-secret";
        settings["Smtp:AllowAuthWithoutTls"] = "false";
    }
}
