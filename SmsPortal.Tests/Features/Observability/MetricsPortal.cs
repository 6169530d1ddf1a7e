using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Channels.Smpp.Server;
using SmsPortal.Tests.Infrastructure.Smpp;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Observability;

/// <summary>
/// A portal on the whole path for the metrics tests: an SMPP channel to smsc.js (node's smpp, receipts after 5 ms),
/// receipt pushes to a receiver, and its own SMPP server for customers.
/// </summary>
public sealed class MetricsPortal : IAsyncLifetime, IAsyncDisposable
{
    public MetricsPortal()
        : this(new PortalFactory())
    {
    }

    /// <summary>On another portal (PostgreSQL); not for xunit, which wants one public constructor.</summary>
    internal MetricsPortal(PortalFactory portal)
    {
        Portal = portal;
    }

    public PortalFactory Portal { get; }

    public PushReceiver Receiver { get; } = new();

    internal SmscPeer Smsc { get; private set; } = null!;

    public int SmppPort { get; private set; }

    public async Task InitializeAsync()
    {
        Smsc = await SmscPeer.StartAsync(("SMSC_DLR_DELAY_MS", "5"));
        Smsc.DeclareUpstream(Portal.Settings);
        Portal.Settings["Smpp:Port"] = "0";
        Portal.Settings["Smpp:Host"] = "127.0.0.1";
        _ = Portal.Server;
        SmppPort = Portal.Service<SmppServerStatus>().Port ?? throw new InvalidOperationException("the SMPP server did not start");
        var registry = Portal.Service<ChannelRegistry>();
        await registry.Loaded;
        await Eventually.HoldsAsync(() => Task.FromResult(registry.Find("upstream")?.Status.Up == true), "the channel binds to smsc.js");
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Smsc.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    /// <summary>/metrics as a scraper on loopback reads it.</summary>
    public async Task<PrometheusText> ScrapeAsync()
    {
        using var response = await Portal.CreateClient().GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        return new PrometheusText(text);
    }
}
