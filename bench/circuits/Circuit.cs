using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace SmsPortal.Bench.Circuits;

/// <summary>
/// One Blazor Server circuit opened the way blazor.web.js opens it: GET the prerendered page, read its component
/// markers and persisted state, connect to /_blazor over WebSockets with the blazorpack protocol, StartCircuit,
/// UpdateRootComponents with the markers, acknowledge every render batch, answer the server's JS calls, and
/// dispatch browser events to the handler ids the render batches carry.
/// </summary>
public sealed partial class Circuit(Uri portal, string cookie, string path) : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<ulong, RenderedHandler> handlers = [];
    private readonly List<string> texts = [];
    private readonly HashSet<int> components = [];
    private HubConnection? connection;
    private long interop = -1;
    private long nextCall;
    private (Func<RenderBatch, bool> Match, TaskCompletionSource<RenderBatch> Done)? waiter;

    public int Batches { get; private set; }

    /// <summary>How many components the circuit has rendered (ids seen in diffs): the size of its component tree.</summary>
    public int Components
    {
        get { lock (gate) { return components.Count; } }
    }

    public string? Error { get; private set; }

    public int FailedCalls { get; private set; }

    /// <summary>Every text the circuit's render batches wrote so far (for a probe).</summary>
    public IReadOnlyList<string> Texts
    {
        get { lock (gate) { return [.. texts]; } }
    }

    /// <summary>The handlers attached now (for a probe).</summary>
    public IReadOnlyList<RenderedHandler> Handlers
    {
        get { lock (gate) { return [.. handlers.Values]; } }
    }

    /// <summary>Opens the circuit and returns once a render batch satisfies <paramref name="ready"/> (the page's data is on screen).</summary>
    public async Task StartAsync(HttpClient http, Func<RenderBatch, bool> ready, TimeSpan timeout)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(portal, path));
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Accept-Language", "en");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var html = await response.Content.ReadAsStringAsync();
        var markers = new JsonArray();
        var unique = 0;
        foreach (Match m in Marker().Matches(html))
        {
            var marker = JsonNode.Parse(m.Groups[1].Value)!.AsObject();
            if (marker["descriptor"] is not null && (string?)marker["type"] == "server")
            {
                marker["uniqueId"] = unique++;
                markers.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = markers.Count + 1, ["marker"] = marker });
            }
        }

        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{path} has no interactive server component markers (signed out?)");
        }

        var state = State().Match(html) is { Success: true } s ? s.Groups[1].Value : "";
        var builder = new HubConnectionBuilder().WithUrl(new Uri(portal, "_blazor"), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.Headers["Cookie"] = cookie;
            o.Headers["Accept-Language"] = "en";
            o.Headers["X-Forwarded-Proto"] = "https";
        });
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        connection = builder.Build();
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        connection.On<long, string, string, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJSAsync);
        connection.On<string, bool, string>("JS.EndInvokeDotNet", (call, ok, result) =>
        {
            if (!ok)
            {
                FailedCalls++;
                Error ??= $"a .NET call failed: {result}";
            }
        });
        connection.On<string>("JS.Error", message => Error = message);
        connection.Closed += e =>
        {
            Error ??= $"closed: {e?.Message ?? "by the server"}";
            lock (gate)
            {
                waiter?.Done.TrySetException(new InvalidOperationException(Error));
            }

            return Task.CompletedTask;
        };
        var first = Expect(ready);
        await connection.StartAsync();
        var uri = new Uri(portal, path).ToString();
        var id = await connection.InvokeAsync<string?>("StartCircuit", portal.ToString(), uri, "[]", state);
        if (id is null)
        {
            throw new InvalidOperationException($"StartCircuit refused: {Error}");
        }

        var operations = new JsonObject { ["batchId"] = 1, ["operations"] = markers };
        await connection.SendAsync("UpdateRootComponents", operations.ToJsonString(), state);
        await first.WaitAsync(timeout);
    }

    /// <summary>
    /// Dispatches <paramref name="eventName"/> to the handler <paramref name="handler"/> as blazor.web.js does
    /// (DispatchEventAsync on the renderer's interop object) and returns the time until a render batch satisfies
    /// <paramref name="answered"/>.
    /// </summary>
    public async Task<TimeSpan> DispatchAsync(RenderedHandler handler, string eventArgsJson, JsonObject? fieldInfo, Func<RenderBatch, bool> answered, TimeSpan timeout)
    {
        if (connection is null || interop < 0)
        {
            throw new InvalidOperationException("The circuit is not started.");
        }

        var descriptor = new JsonObject
        {
            ["eventHandlerId"] = handler.Id,
            ["eventName"] = handler.EventName,
            ["eventFieldInfo"] = fieldInfo,
        };
        var args = $"[{descriptor.ToJsonString()},{eventArgsJson}]";
        var done = Expect(answered);
        var watch = Stopwatch.StartNew();
        var call = Interlocked.Increment(ref nextCall).ToString(CultureInfo.InvariantCulture);
        await connection.SendAsync("BeginInvokeDotNetFromJS", call, null, "DispatchEventAsync", interop, args);
        await done.WaitAsync(timeout);
        return watch.Elapsed;
    }

    /// <summary>The newest handler for <paramref name="eventName"/> on an element that <paramref name="element"/> accepts.</summary>
    public RenderedHandler? Find(string eventName, Func<RenderedHandler, bool> element)
    {
        lock (gate)
        {
            return handlers.Values.Where(h => h.EventName == eventName && element(h)).MaxBy(h => h.Id);
        }
    }

    private Task<RenderBatch> Expect(Func<RenderBatch, bool> match)
    {
        var done = new TaskCompletionSource<RenderBatch>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            waiter = (match, done);
        }

        return done.Task;
    }

    private async Task OnRenderBatchAsync(long id, byte[] data)
    {
        var batch = RenderBatch.Read(data);
        lock (gate)
        {
            Batches++;
            components.UnionWith(batch.Components);
            var gone = new List<RenderedHandler>();
            foreach (var disposed in batch.DisposedHandlers)
            {
                if (handlers.Remove(disposed, out var old))
                {
                    gone.Add(old);
                }
            }

            foreach (var handler in batch.Handlers)
            {
                // A SetAttribute edit replaces a handler without naming its element: take the element of the one it replaced.
                var known = handler.Element is null
                    ? gone.FirstOrDefault(h => h.ComponentId == handler.ComponentId && h.EventName == handler.EventName && h.Element is not null)
                    : null;
                if (known is not null)
                {
                    gone.Remove(known);
                }

                handlers[handler.Id] = known is null ? handler : handler with { Element = known.Element, Attributes = known.Attributes };
            }

            if (texts.Count < 20_000)
            {
                texts.AddRange(batch.Texts);
            }

            if (waiter is { } w && w.Match(batch))
            {
                waiter = null;
                w.Done.TrySetResult(batch);
            }
        }

        await connection!.SendAsync("OnRenderCompleted", id, null);
    }

    private async Task OnBeginInvokeJSAsync(long handle, string identifier, string? argsJson, int resultType, long target, int callType)
    {
        if (Environment.GetEnvironmentVariable("BENCH_DEBUG") == "1")
        {
            Console.Error.WriteLine($"JS call {handle} {identifier} {argsJson?[..Math.Min(200, argsJson.Length)]} {resultType} {target} {callType}");
        }

        if (identifier == "Blazor._internal.attachWebRendererInterop" && argsJson is not null)
        {
            // [rendererId, {"__dotNetObject": id}, ...]: the object DispatchEventAsync is invoked on.
            using var document = JsonDocument.Parse(argsJson);
            interop = document.RootElement[1].GetProperty("__dotNetObject").GetInt64();
        }

        if (handle != 0)
        {
            // No DOM here: what a browser with this page would answer to the two questions MudBlazor asks (its scripts
            // are loaded; one popover provider), and no value for every other call, as a void JS function returns.
            var result = identifier switch
            {
                "window.hasOwnProperty" => "true",
                "mudpopoverHelper.countProviders" => "1",
                _ => "null",
            };
            await connection!.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,{result}]");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex State();
}
