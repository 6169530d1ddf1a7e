using System.Globalization;
using SmsPortal.Infrastructure;
using SmsPortal.Infrastructure.Networking;

namespace SmsPortal.Web.Features.Observability;

/// <summary>
/// The <c>Telemetry</c> settings, read and checked once at start: a wrong one stops the start naming it.
/// <c>Metrics:Enabled</c> (true), <c>Metrics:AllowedNetworks</c> (who may scrape /metrics without signing in: a list,
/// or one value separated by commas; loopback by default, empty for admins only), <c>Otlp:Endpoint</c> (traces go
/// there when set, nowhere otherwise) and <c>Otlp:Protocol</c> (<c>grpc</c>, default, or <c>http/protobuf</c>).
/// </summary>
public sealed record TelemetryOptions(bool MetricsEnabled, IReadOnlyList<System.Net.IPNetwork> AllowedNetworks, Uri? OtlpEndpoint, bool OtlpHttp)
{
    public const string Section = "Telemetry";
    public const string MetricsEnabledSetting = "Telemetry:Metrics:Enabled";
    public const string AllowedNetworksSetting = "Telemetry:Metrics:AllowedNetworks";
    public const string OtlpEndpointSetting = "Telemetry:Otlp:Endpoint";
    public const string OtlpProtocolSetting = "Telemetry:Otlp:Protocol";

    /// <summary>The scrape path.</summary>
    public const string MetricsPath = "/metrics";

    private const string DefaultNetworks = "127.0.0.0/8, ::1";

    /// <exception cref="ConfigurationException">A setting that cannot work, named with what it should look like.</exception>
    public static TelemetryOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var enabled = true;
        if (configuration[MetricsEnabledSetting] is { } enabledText && !bool.TryParse(enabledText.Trim(), out enabled))
        {
            throw new ConfigurationException(MetricsEnabledSetting, $"'{enabledText}' is not true or false.");
        }

        var section = configuration.GetSection(AllowedNetworksSetting);
        var entries = section.Value is null && !section.GetChildren().Any()
            ? AddressRanges.Split(DefaultNetworks)
            : [.. AddressRanges.Split(section.Value).Concat(section.GetChildren().SelectMany(c => AddressRanges.Split(c.Value)))];
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in entries)
        {
            if (!AddressRanges.TryParse(entry, out var network))
            {
                throw new ConfigurationException(AllowedNetworksSetting, $"'{entry}' is not an address or CIDR range (e.g. 127.0.0.1, 10.0.0.0/8, ::1).");
            }

            networks.Add(network);
        }

        Uri? endpoint = null;
        if (configuration[OtlpEndpointSetting] is { Length: > 0 } endpointText)
        {
            if (!Uri.TryCreate(endpointText.Trim(), UriKind.Absolute, out endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(endpoint.Host))
            {
                throw new ConfigurationException(OtlpEndpointSetting, $"'{endpointText}' is not an http(s) address of an OTLP collector (e.g. http://otel-collector:4317).");
            }
        }

        var protocol = configuration[OtlpProtocolSetting]?.Trim().ToLower(CultureInfo.InvariantCulture);
        if (protocol is not (null or "" or "grpc" or "http/protobuf"))
        {
            throw new ConfigurationException(OtlpProtocolSetting, $"'{configuration[OtlpProtocolSetting]}' is not grpc or http/protobuf.");
        }

        if (protocol is { Length: > 0 } && endpoint is null)
        {
            throw new ConfigurationException(OtlpProtocolSetting, $"is set but {OtlpEndpointSetting} is not: traces would go nowhere.");
        }

        return new TelemetryOptions(enabled, networks, endpoint, protocol == "http/protobuf");
    }
}
