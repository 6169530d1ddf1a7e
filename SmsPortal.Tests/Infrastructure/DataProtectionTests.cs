using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure;

/// <summary>
/// The data-protection keys (they decrypt every API key, push and channel secret and sign cookies) are stored in the
/// database encrypted with the DataProtection certificate, and Development makes that certificate once and reuses it.
/// </summary>
public sealed class DataProtectionTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task TheKeyRingInTheDatabaseIsEncryptedWithTheCertificate()
    {
        // Making an API key puts a key in the ring if there was none yet.
        await TestAccounts.CreateAsync(fixture.Portal);

        var rows = await fixture.Portal.QueryAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());

        Assert.NotEmpty(rows);
        Assert.All(rows, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task DevelopmentMakesTheCertificateOnceAndARestartStillDecryptsWithIt()
    {
        var folder = Directory.CreateTempSubdirectory("smsportal-keys-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(folder, "portal.db")}",
            ["DataProtection:CertificatePath"] = Path.Combine(folder, "keys", "data-protection.pfx"),
        };
        string protectedText;
        byte[] certificate;
        await using (var first = new PortalFactory())
        {
            foreach (var (key, value) in settings)
            {
                first.Settings[key] = value;
            }

            protectedText = first.Service<IDataProtectionProvider>().CreateProtector("test").Protect("kept across restarts");
            certificate = await File.ReadAllBytesAsync(Path.Combine(folder, "keys", "data-protection.pfx"));
        }

        await using var second = new PortalFactory();
        foreach (var (key, value) in settings)
        {
            second.Settings[key] = value;
        }

        Assert.Equal("kept across restarts", second.Service<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
        Assert.Equal(certificate, await File.ReadAllBytesAsync(Path.Combine(folder, "keys", "data-protection.pfx")));
    }
}
