using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Channels;

/// <summary>Portal A: the sender, whose receipts and replies land in a recorder.</summary>
public sealed class RecordingPortalFactory : PortalFactory
{
    public RecordingUpstreamEvents Events { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IUpstreamEvents>(Events));
    }
}

/// <summary>Two portals on loopback: A sends through its HTTP channel to B, B's simulator delivers and B pushes receipts to A.</summary>
public sealed class TwoPortals : IAsyncLifetime
{
    public RecordingPortalFactory A { get; } = new();

    public PortalFactory B { get; } = new();

    public string ABase { get; private set; } = "";

    public string BBase { get; private set; } = "";

    public Task InitializeAsync()
    {
        B.Settings["Channels:Simulator:ReceiptDelayMilliseconds"] = "50";
        ABase = A.StartOnLoopback();
        BBase = B.StartOnLoopback();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }

    /// <summary>A channel made by A's "Http" factory, as the channel registry makes one.</summary>
    public ISmsChannel Channel(string name, Dictionary<string, string?> settings) =>
        A.Service<IEnumerable<IChannelFactory>>().Single(f => f.Type == "Http").Create(name, Settings(settings));

    public static IConfiguration Settings(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}

/// <summary>
/// A provider on a loopback port that answers as told and counts what reaches it, for the circuit breaker and the
/// outcomes a real provider would only show by accident (5xx, garbage).
/// </summary>
public sealed class FakeProvider : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public FakeProvider()
    {
        Port = Peers.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = ServeAsync();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/send";

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Status, content type and body of the answer.</summary>
    public (int Status, string ContentType, byte[] Body) Answer { get; set; } = (200, "application/json", Encoding.UTF8.GetBytes("{}"));

    public ConcurrentQueue<(string? ContentType, byte[] Body, string Query)> Received { get; } = new();

    public void Answers(int status, string body, string contentType = "application/json; charset=utf-8") =>
        Answer = (status, contentType, Encoding.UTF8.GetBytes(body));

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Received.Enqueue((context.Request.ContentType, body.ToArray(), context.Request.Url?.Query ?? ""));
            Interlocked.Increment(ref _requests);
            var (status, contentType, bytes) = Answer;
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }
}

/// <summary>A provider that reads the whole request and then never answers (or hangs up), counting the requests it read.</summary>
public sealed class StallingProvider : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _held = [];
    private readonly Task _loop;
    private int _requests;

    /// <param name="hangUp">Close the connection after reading a request instead of holding it open.</param>
    /// <param name="firstAnswer">Answer the first request with this JSON (keeping the connection for the next one).</param>
    public StallingProvider(bool hangUp = false, string? firstAnswer = null)
    {
        _listener.Start();
        HangUp = hangUp;
        _firstAnswer = firstAnswer;
        _loop = ServeAsync();
    }

    private readonly string? _firstAnswer;

    public bool HangUp { get; }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/send";

    /// <summary>Requests read whole (headers and the body their Content-Length announced).</summary>
    public int Requests => Volatile.Read(ref _requests);

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ReadThenStallAsync(client));
        }
    }

    private async Task ReadThenStallAsync(TcpClient client)
    {
        _held.Add(client);
        var stream = client.GetStream();
        var received = new List<byte>();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                received.AddRange(buffer.AsSpan(0, read).ToArray());
                var text = Encoding.ASCII.GetString(received.ToArray());
                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end < 0)
                {
                    continue;
                }

                var length = text[..end].Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                if (received.Count >= end + 4 + length)
                {
                    var count = Interlocked.Increment(ref _requests);
                    received.Clear();
                    if (count == 1 && _firstAnswer is not null)
                    {
                        var answer = Encoding.UTF8.GetBytes(_firstAnswer);
                        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {answer.Length}\r\n\r\n"), _stop.Token);
                        await stream.WriteAsync(answer, _stop.Token);
                        continue;
                    }

                    if (HangUp)
                    {
                        if (_firstAnswer is null)
                        {
                            client.Client.LingerState = new LingerOption(true, 0); // a reset; with a first answer, a plain close (EOF)
                        }

                        client.Close();
                        return;
                    }
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var client in _held)
        {
            client.Dispose();
        }

        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
