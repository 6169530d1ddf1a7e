using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.FileProviders;
using SmsPortal.Infrastructure;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Database:Provider", "Oracle", "Database:Provider")]
    [InlineData("Node:Roles", "Web,Mailer", "Node:Roles")]
    public void AWrongSettingStopsStartUpNamingTheSetting(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var error = Assert.Throws<ConfigurationException>(() => new ServiceCollection().AddInfrastructure(configuration, new FakeEnvironment()));

        Assert.Equal(named, error.Setting);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSqlWithoutAConnectionStringNamesTheConnectionString()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "PostgreSql" }).Build();

        var error = Assert.Throws<ConfigurationException>(() => new ServiceCollection().AddInfrastructure(configuration, new FakeEnvironment()));

        Assert.Equal("ConnectionStrings:Default", error.Setting);
    }

    [Theory]
    [InlineData(null, null, "Bootstrap:AdminEmail")]
    [InlineData("Bootstrap__AdminEmail", "not an address", "Bootstrap:AdminEmail")]
    [InlineData("Bootstrap__AdminPassword", "short", "Bootstrap:AdminPassword")]
    [InlineData("Bootstrap__DemoApiKey", "tooshort", "Bootstrap:DemoApiKey")]
    [InlineData("Bootstrap__DemoApiId", "bad id!", "Bootstrap:DemoApiId")]
    [InlineData("Platform__TrialCredits", "-5", "Platform:TrialCredits")]
    [InlineData("Platform__PublicUrl", null, "Platform:PublicUrl")]
    [InlineData("Platform__PublicUrl", "sms.example.com", "Platform:PublicUrl")]
    [InlineData("Platform__PublicUrl", "ftp://sms.example.com/", "Platform:PublicUrl")]
    [InlineData("Platform__KnownProxies__0", "10.0.0.300", "Platform:KnownProxies")]
    [InlineData("Platform__KnownNetworks__0", "10.0.0.0", "Platform:KnownNetworks")]
    public async Task AFreshInstallWithAMissingOrWrongSettingStopsWithAMessageNamingIt(string? key, string? value, string named)
    {
        // The real program as an installer runs it: a process with settings from the environment.
        var folder = Directory.CreateTempSubdirectory("smsportal-config-").FullName;
        var environment = PortalProcess.ProductionEnvironment(folder);
        if (key is not null && !key.EndsWith("AdminEmail", StringComparison.Ordinal))
        {
            environment["Bootstrap__AdminEmail"] = "admin@example.com";
            environment["Bootstrap__AdminPassword"] = "Admin#2026install";
        }

        if (key is not null && value is null)
        {
            environment.Remove(key);
        }
        else if (key is not null)
        {
            environment[key] = value!;
        }

        if (key is "Bootstrap__DemoApiKey")
        {
            environment["Bootstrap__DemoApiId"] = "C20000001";
        }

        if (key is "Bootstrap__DemoApiId")
        {
            environment["Bootstrap__DemoApiKey"] = "abcdef0123456789abcdef0123456789";
        }

        var (exitCode, output) = await PortalProcess.RunUntilExitAsync(folder, environment, TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var lastLine = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        Assert.StartsWith("SmsPortal cannot start.", lastLine, StringComparison.Ordinal);
        Assert.Contains(named, lastLine, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "DataProtection:CertificatePath")]
    [InlineData("missing.pfx", "DataProtection:CertificatePath")]
    [InlineData("wrong password", "DataProtection:CertificatePassword")]
    public async Task ProductionWithoutItsDataProtectionCertificateStopsWithAMessageNamingTheSetting(string? problem, string named)
    {
        var folder = Directory.CreateTempSubdirectory("smsportal-config-").FullName;
        var environment = PortalProcess.ProductionEnvironment(folder);
        environment["Bootstrap__AdminEmail"] = "admin@example.com";
        environment["Bootstrap__AdminPassword"] = "Admin#2026install";
        switch (problem)
        {
            case null:
                environment.Remove("DataProtection__CertificatePath");
                break;
            case "missing.pfx":
                environment["DataProtection__CertificatePath"] = Path.Combine(folder, problem);
                break;
            default:
                environment["DataProtection__CertificatePassword"] = problem;
                break;
        }

        var (exitCode, output) = await PortalProcess.RunUntilExitAsync(folder, environment, TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var lastLine = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        Assert.StartsWith($"SmsPortal cannot start. Configuration error in '{named}'", lastLine, StringComparison.Ordinal);
    }

    private sealed class FakeEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";
        public string ApplicationName { get; set; } = "SmsPortal.Tests";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
