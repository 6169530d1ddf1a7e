using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace SmsPortal.Tests.Features.Review;

/// <summary>A customer's push URL on a local port: records each form it receives and answers "success".</summary>
internal sealed class PushReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<Dictionary<string, string>> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Task _loop;

    public PushReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/review-result/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public async Task<Dictionary<string, string>> NextAsync(TimeSpan timeout)
    {
        Assert.True(await _arrived.WaitAsync(timeout), "No push arrived in time.");
        Assert.True(_received.TryDequeue(out var form));
        return form!;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var body = await reader.ReadToEndAsync();
                _received.Enqueue(body.Split('&', StringSplitOptions.RemoveEmptyEntries)
                    .Select(pair => pair.Split('=', 2))
                    .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p.Length > 1 ? p[1] : "")));
            }

            var answer = "success"u8.ToArray();
            context.Response.StatusCode = 200;
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
            _arrived.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
