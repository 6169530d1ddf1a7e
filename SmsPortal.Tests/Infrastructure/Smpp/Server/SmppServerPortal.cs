using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;
using SmsPortal.Infrastructure.Channels.Smpp.Server;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure.Smpp.Server;

/// <summary>A portal with its SMPP server on a free loopback port, shared by a test class; accounts are made per test.</summary>
public class SmppServerPortal : IAsyncLifetime
{
    public PortalFactory Portal { get; } = new();

    public int Port { get; private set; }

    public Task InitializeAsync()
    {
        Portal.Settings["Smpp:Port"] = "0";
        Portal.Settings["Smpp:Host"] = "127.0.0.1";
        Portal.Settings["Smpp:PollSeconds"] = "1";
        Portal.Settings["Smpp:PartHoldMilliseconds"] = "3000";
        Portal.Settings["Smpp:MaxSessionsPerAccount"] = "3";
        Portal.Settings["Smpp:MaxPerSecondPerAccount"] = "60";
        // These tests bind wrongly on purpose (and the fuzz sprays mangled binds) from one address: no lock-out here,
        // SmppServerGuardTests has its own portal for that.
        Portal.Settings["Smpp:BindLockoutFailures"] = "10000";
        Portal.Settings["Smpp:BindFailureDelayMilliseconds"] = "0";
        Portal.Settings["Channels:Simulator:ReceiptDelayMilliseconds"] = "200";
        Configure(Portal.Settings);
        Portal.StartOnLoopback();
        Port = Portal.Service<SmppServerStatus>().Port ?? throw new InvalidOperationException("the SMPP server did not start");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();

    /// <summary>Settings of a fixture that needs other limits than these.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    public SmppServerStatus Status => Portal.Service<SmppServerStatus>();

    public Task<T> QueryAsync<T>(Func<SmsPortalDbContext, Task<T>> query) => Portal.QueryAsync(query);

    /// <summary>Waits until a condition on the database holds (or fails the test after the timeout).</summary>
    public Task WaitForAsync(Func<SmsPortalDbContext, Task<bool>> condition, string what, int seconds = 20) =>
        Eventually.HoldsAsync(() => QueryAsync(condition), what, TimeSpan.FromSeconds(seconds));

    /// <summary>Runs a node script from the peers folder; returns its exit code and the last line it printed.</summary>
    public static async Task<(int ExitCode, string Output)> NodeAsync(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Peers.Directory };
        info.ArgumentList.Add(Path.Combine(Peers.Directory, script));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var lines = (await output).Trim().Split('\n');
        return (process.ExitCode, lines[^1] + (await error is { Length: > 0 } e ? " stderr: " + e : ""));
    }

    /// <summary>Our own client over the protocol code, for what node's client cannot send (sar TLVs, raw binds).</summary>
    public async Task<TestEsme> ConnectAsync(Func<SmppPdu, SmppPdu?>? onRequest = null, string from = "127.0.0.1")
    {
        var tcp = new TcpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(from), 0));
        await tcp.ConnectAsync("127.0.0.1", Port);
        var received = System.Threading.Channels.Channel.CreateUnbounded<SmppPdu>();
        var session = new SmppSession(tcp.GetStream(), new SmppSessionOptions { Name = "test esme", EnquireLinkInterval = TimeSpan.Zero }, (_, request, _) =>
        {
            received.Writer.TryWrite(request);
            return ValueTask.FromResult(onRequest is null ? request.CreateResponse() : onRequest(request));
        }, NullLogger.Instance);
        session.Start();
        return new TestEsme(session, received.Reader);
    }
}

public sealed class TestEsme(SmppSession session, System.Threading.Channels.ChannelReader<SmppPdu> received) : IAsyncDisposable
{
    public SmppSession Session => session;

    public System.Threading.Channels.ChannelReader<SmppPdu> Received => received;

    public async Task<uint> BindAsync(SmppCommand kind, string systemId, string password)
    {
        // Built by hand: an API key is longer than the 8 characters SMPP 3.4 allows, and the encoder keeps to the spec.
        var body = new List<byte>();
        foreach (var field in new[] { systemId, password, "" })
        {
            body.AddRange(Encoding.ASCII.GetBytes(field));
            body.Add(0);
        }

        body.AddRange(new byte[] { 0x34, 0, 0, 0 });
        var pdu = new RawPdu(kind, [.. body]);
        var result = await session.SendRequestAsync(pdu, CancellationToken.None);
        Assert.Equal(SmppRequestOutcome.Answered, result.Outcome);
        return result.Response!.Status;
    }

    public async Task<SmppRequestResult> SubmitAsync(string to, string text, byte registeredDelivery = 1, byte destinationTon = 0)
    {
        var parts = SmsText.Split(text, new SmsEncodingOptions(), 1);
        Assert.Single(parts);
        return await SendAsync(to, parts[0], registeredDelivery, destinationTon);
    }

    public async Task<SmppRequestResult> SendAsync(string to, SmsPart part, byte registeredDelivery = 1, byte destinationTon = 0)
    {
        var submit = new SubmitSmPdu { DestinationAddress = to, DestinationTon = destinationTon, SourceAddress = "106900", RegisteredDelivery = registeredDelivery };
        part.ApplyTo(submit);
        return await session.SendRequestAsync(submit, CancellationToken.None);
    }

    public async Task<SmppPdu> NextAsync(int seconds = 20) => await received.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(seconds));

    public async ValueTask DisposeAsync() => await session.DisposeAsync();
}

/// <summary>A request with a body given as octets (what the encoder would refuse, or garbage).</summary>
internal sealed class RawPdu(SmppCommand command, byte[] body) : SmppPdu(command)
{
    internal override void WriteBody(SmppWriter writer) => writer.Octets(body);

    internal override void ReadBody(ref SmppReader reader) => throw new NotSupportedException();
}
