using Microsoft.Extensions.Configuration;
using SmsPortal.Infrastructure;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Observability;

namespace SmsPortal.Tests.Features.Observability;

/// <summary>Telemetry settings that cannot work stop the start, naming the setting; the defaults serve loopback and trace nothing.</summary>
public sealed class TelemetrySettingsTests
{
    [Theory]
    [InlineData("Telemetry:Metrics:AllowedNetworks", "10.0.0.0/33", "Telemetry:Metrics:AllowedNetworks")]
    [InlineData("Telemetry:Metrics:AllowedNetworks", "intranet", "Telemetry:Metrics:AllowedNetworks")]
    [InlineData("Telemetry:Metrics:AllowedNetworks:0", "10.0.0.300", "Telemetry:Metrics:AllowedNetworks")]
    [InlineData("Telemetry:Metrics:Enabled", "maybe", "Telemetry:Metrics:Enabled")]
    [InlineData("Telemetry:Otlp:Endpoint", "otel-collector:4317", "Telemetry:Otlp:Endpoint")]
    [InlineData("Telemetry:Otlp:Endpoint", "ftp://otel-collector:4317", "Telemetry:Otlp:Endpoint")]
    [InlineData("Telemetry:Otlp:Protocol", "udp", "Telemetry:Otlp:Protocol")]
    public void AWrongSettingIsRefusedNamingIt(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key == "Telemetry:Otlp:Protocol")
        {
            settings["Telemetry:Otlp:Endpoint"] = "http://otel-collector:4317";
        }

        var error = Assert.Throws<ConfigurationException>(() => TelemetryOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));

        Assert.Equal(named, error.Setting);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AProtocolWithoutAnEndpointIsRefused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Telemetry:Otlp:Protocol"] = "grpc" }).Build();

        var error = Assert.Throws<ConfigurationException>(() => TelemetryOptions.FromConfiguration(configuration));

        Assert.Equal("Telemetry:Otlp:Protocol", error.Setting);
        Assert.Contains("Telemetry:Otlp:Endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultsServeLoopbackAndExportNoTraces()
    {
        var options = TelemetryOptions.FromConfiguration(new ConfigurationBuilder().Build());

        Assert.True(options.MetricsEnabled);
        Assert.Null(options.OtlpEndpoint);
        Assert.True(SmsPortal.Infrastructure.Networking.AddressRanges.Contains(options.AllowedNetworks, System.Net.IPAddress.Loopback));
        Assert.True(SmsPortal.Infrastructure.Networking.AddressRanges.Contains(options.AllowedNetworks, System.Net.IPAddress.IPv6Loopback));
        Assert.False(SmsPortal.Infrastructure.Networking.AddressRanges.Contains(options.AllowedNetworks, System.Net.IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public void AnEmptyNetworkListLeavesTheMetricsToAdmins()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Telemetry:Metrics:AllowedNetworks"] = "" }).Build();

        Assert.Empty(TelemetryOptions.FromConfiguration(configuration).AllowedNetworks);
    }

    [Fact]
    public async Task AnInstallWithAWrongTelemetrySettingStopsWithAMessageNamingIt()
    {
        var folder = Directory.CreateTempSubdirectory("smsportal-config-").FullName;
        var environment = PortalProcess.ProductionEnvironment(folder);
        environment["Bootstrap__AdminEmail"] = "admin@example.com";
        environment["Bootstrap__AdminPassword"] = "Admin#2026install";
        environment["Telemetry__Otlp__Endpoint"] = "collector:4317";

        var (exitCode, output) = await PortalProcess.RunUntilExitAsync(folder, environment, TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var lastLine = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        Assert.StartsWith("SmsPortal cannot start. Configuration error in 'Telemetry:Otlp:Endpoint'", lastLine, StringComparison.Ordinal);
    }
}
