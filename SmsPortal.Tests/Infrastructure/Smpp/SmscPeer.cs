using System.Diagnostics;
using System.Text.Json;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure.Smpp;

/// <summary>
/// ../shared/peers/smsc.js (copied into SmsPortal.Tests/Peers) on free loopback ports: node's smpp package as the
/// upstream SMSC. Can be killed and started again on the same ports.
/// </summary>
internal sealed class SmscPeer : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Dictionary<string, string> _environment;
    private Process? _process;

    private SmscPeer(int smppPort, int httpPort, Dictionary<string, string> environment)
    {
        SmppPort = smppPort;
        HttpPort = httpPort;
        _environment = environment;
    }

    public int SmppPort { get; }

    public int HttpPort { get; }

    /// <summary>Declares the channel "upstream" (window 10) bound to this SMSC as the one every message takes.</summary>
    public void DeclareUpstream(IDictionary<string, string?> settings)
    {
        settings["Channels:upstream:Type"] = "Smpp";
        settings["Channels:upstream:Host"] = "127.0.0.1";
        settings["Channels:upstream:Port"] = SmppPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Channels:upstream:SystemId"] = "portal";
        settings["Channels:upstream:Password"] = "secret";
        settings["Channels:upstream:SourceAddress"] = "106900";
        settings["Channels:upstream:Window"] = "10";
        settings["Dispatch:DefaultChannel"] = "upstream";
    }

    public static async Task<SmscPeer> StartAsync(params (string Name, string Value)[] environment)
    {
        var peer = new SmscPeer(Peers.FreePort(), Peers.FreePort(), environment.ToDictionary(e => e.Name, e => e.Value));
        await peer.StartAgainAsync();
        return peer;
    }

    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo("node", Path.Combine(Peers.Directory, "smsc.js"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Peers.Directory,
        };
        start.Environment["SMSC_PORT"] = SmppPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["SMSC_HTTP_PORT"] = HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var until = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                await StatsAsync();
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public async Task<JsonElement> StatsAsync() =>
        JsonDocument.Parse(await Http.GetStringAsync(new Uri($"http://127.0.0.1:{HttpPort}/stats"))).RootElement;

    public async Task<long> StatAsync(string name) => (await StatsAsync()).GetProperty(name).GetInt64();

    public async Task<JsonElement[]> MessagesAsync(int limit = 10_000) =>
        [.. JsonDocument.Parse(await Http.GetStringAsync(new Uri($"http://127.0.0.1:{HttpPort}/messages?limit={limit}"))).RootElement.EnumerateArray()];

    public async Task PostMoAsync(string from, string to, string text)
    {
        using var response = await Http.PostAsync(new Uri($"http://127.0.0.1:{HttpPort}/mo?from={from}&to={to}&text={Uri.EscapeDataString(text)}"), null);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync() => await KillAsync();
}
