using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace SmsPortal.Tests.Support;

/// <summary>A customer's push URL on a loopback port: keeps each form it receives and answers as told.</summary>
public sealed class PushReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <param name="host">The name pushes use to reach it (a name answers only requests that carry it).</param>
    public PushReceiver(string host = "127.0.0.1")
    {
        Host = host;
        Port = Peers.FreePort();
        _listener.Prefixes.Add($"http://{host}:{Port}/");
        _listener.Start();
        _loop = ServeAsync();
    }

    public string Host { get; }

    public int Port { get; }

    public string Url => $"http://{Host}:{Port}/receipts";

    /// <summary>What the receiver answers; "success" acknowledges.</summary>
    public string Reply { get; set; } = "success";

    public ConcurrentQueue<(Dictionary<string, string> Fields, string? Signature)> Received { get; } = new();

    public async Task<(Dictionary<string, string> Fields, string? Signature)> NextAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Received.TryDequeue(out var push))
            {
                return push;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("No push arrived.");
    }

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

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var fields = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => p.Length > 1 ? WebUtility.UrlDecode(p[1]) : "");
            Received.Enqueue((fields, context.Request.Headers["X-SmsPortal-Signature"]));
            var reply = Encoding.UTF8.GetBytes(Reply);
            context.Response.OutputStream.Write(reply);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        // Close alone: after Stop, the managed listener's Close binds the port again to remove its prefix, and fails
        // when another test has taken that port meanwhile.
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
