using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace SmsPortal.Infrastructure.Persistence;

/// <summary>
/// The certificate that encrypts the data-protection key ring in the database (the keys that decrypt API keys, push and
/// channel secrets and sign cookies): <c>DataProtection:CertificatePath</c> (a PFX with its private key) and
/// <c>DataProtection:CertificatePassword</c>. Required outside Development; in Development a self-signed one is made
/// once (under App_Data unless a path is given) and reused on every start.
/// </summary>
public static class DataProtectionCertificate
{
    public const string PathSetting = "DataProtection:CertificatePath";
    public const string PasswordSetting = "DataProtection:CertificatePassword";
    public const string DevelopmentPath = "App_Data/data-protection.pfx";

    /// <exception cref="ConfigurationException">The setting is missing outside Development, the file is missing, or it cannot be opened.</exception>
    public static X509Certificate2 Load(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration[PathSetting];
        var development = environment.IsDevelopment();
        if (string.IsNullOrWhiteSpace(configured) && !development)
        {
            throw new ConfigurationException(PathSetting, "a PFX certificate with its private key is required to encrypt the data-protection keys stored in the database (and DataProtection:CertificatePassword when it has one). Make one with: openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj /CN=SmsPortal -keyout key.pem -out cert.pem && openssl pkcs12 -export -inkey key.pem -in cert.pem -out data-protection.pfx");
        }

        var path = string.IsNullOrWhiteSpace(configured) ? DevelopmentPath : configured.Trim();
        if (!Path.IsPathRooted(path))
        {
            path = Path.Combine(environment.ContentRootPath, path);
        }

        var password = configuration[PasswordSetting];
        if (!File.Exists(path))
        {
            if (!development)
            {
                throw new ConfigurationException(PathSetting, $"'{path}' does not exist.");
            }

            Create(path, password);
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException exception)
        {
            throw new ConfigurationException(PasswordSetting, $"the certificate '{path}' cannot be opened with this password ({exception.Message}).");
        }

        if (!certificate.HasPrivateKey)
        {
            throw new ConfigurationException(PathSetting, $"'{path}' holds no private key; the keys it encrypts could never be read back.");
        }

        return certificate;
    }

    /// <summary>A self-signed RSA certificate for key encryption, written as a PFX; a file another process wrote first wins.</summary>
    public static void Create(string path, string? password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=SmsPortal data protection (development)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(20));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temporary, certificate.Export(X509ContentType.Pfx, password));
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
