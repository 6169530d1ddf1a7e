using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Web;
using Microsoft.Extensions.Logging;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Http;

/// <summary>
/// An HTTP provider: one request per message, built from the channel's settings, its answer sorted into an outcome.
/// <para>
/// What is never done is sending a message twice without knowing: a request whose body may have reached the provider
/// (timeout or broken connection after the body was written, 5xx, an answer that cannot be read) is Unknown, and no
/// layer retries it — not SocketsHttpHandler (its body refuses to be written twice), not a resilience handler (none).
/// Only failures before anything could be acted on (DNS, connection refused, connect timeout, no free slot, circuit
/// open) are TryLater.
/// </para>
/// </summary>
internal sealed partial class HttpChannel(
    string name,
    HttpChannelSettings settings,
    IHttpClientFactory http,
    string clientName,
    TimeProvider clock,
    ILogger<HttpChannel> logger,
    Action<HttpChannel> disposed) : ISmsChannel
{
    private const int MaxAnswerBytes = 64 * 1024;
    private const int MaxRawChars = 2000;

    private readonly SemaphoreSlim _slots = new(settings.MaxConcurrent, settings.MaxConcurrent);
    private readonly CircuitBreaker _breaker = new(settings.FailuresToOpen, settings.OpenDuration, clock);
    private readonly RateMeter _rate = new(clock);
    private readonly Lock _pace = new();
    private DateTimeOffset _nextSlot = DateTimeOffset.MinValue;
    private long _errors;
    private string? _lastError;

    public string Name => name;

    internal HttpChannelSettings Settings => settings;

    public ChannelStatus Status
    {
        get
        {
            var state = _breaker.State;
            return new ChannelStatus(
                _breaker.AllowsTraffic,
                state == "closed" ? "ready" : "circuit " + state,
                settings.MaxConcurrent - _slots.CurrentCount,
                settings.MaxConcurrent,
                _rate.PerSecond,
                Interlocked.Read(ref _errors),
                Volatile.Read(ref _lastError));
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        disposed(this);
        _slots.Dispose();
        return ValueTask.CompletedTask;
    }

    public async Task<ChannelAnswer> SubmitAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_breaker.TryEnter(out var probe))
        {
            return new ChannelAnswer(ChannelOutcome.TryLater, null, "circuit open: nothing sent");
        }

        var health = CallHealth.Neutral;
        try
        {
            var (answer, callHealth) = await SubmitInsideCircuitAsync(message, cancellationToken);
            health = callHealth;
            if (answer.Outcome != ChannelOutcome.Accepted)
            {
                Interlocked.Increment(ref _errors);
                Volatile.Write(ref _lastError, string.Create(CultureInfo.InvariantCulture, $"{clock.GetUtcNow():yyyy-MM-dd HH:mm:ss}Z {answer.Outcome}: {Shorten(answer.Raw, 300)}"));
            }

            LogOutcome(logger, name, message.MessageId, answer.Outcome, answer.UpstreamId);
            return answer;
        }
        finally
        {
            if (_breaker.Record(health, probe))
            {
                LogCircuitOpened(logger, name, settings.OpenDuration.TotalSeconds, Volatile.Read(ref _lastError));
            }
        }
    }

    private async Task<(ChannelAnswer, CallHealth)> SubmitInsideCircuitAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        bool entered;
        try
        {
            entered = await _slots.WaitAsync(settings.Timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return (new ChannelAnswer(ChannelOutcome.TryLater, null, "cancelled before sending"), CallHealth.Neutral);
        }

        if (!entered)
        {
            return (new ChannelAnswer(ChannelOutcome.TryLater, null, $"all {settings.MaxConcurrent} requests busy for {settings.Timeout.TotalSeconds:0}s: nothing sent"), CallHealth.Neutral);
        }

        try
        {
            if (await PaceAsync(cancellationToken) is { } refused)
            {
                return (refused, CallHealth.Neutral);
            }

            return await SendAsync(message, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Keeps to MaxPerSecond by spacing requests evenly; a wait longer than the timeout is TryLater.</summary>
    private async Task<ChannelAnswer?> PaceAsync(CancellationToken cancellationToken)
    {
        if (settings.MaxPerSecond == 0)
        {
            return null;
        }

        TimeSpan wait;
        lock (_pace)
        {
            var now = clock.GetUtcNow();
            var slot = _nextSlot > now ? _nextSlot : now;
            wait = slot - now;
            if (wait > settings.Timeout)
            {
                return new ChannelAnswer(ChannelOutcome.TryLater, null, $"over MaxPerSecond {settings.MaxPerSecond}: nothing sent");
            }

            _nextSlot = slot + TimeSpan.FromSeconds(1.0 / settings.MaxPerSecond);
        }

        if (wait > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(wait, clock, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return new ChannelAnswer(ChannelOutcome.TryLater, null, "cancelled before sending");
            }
        }

        return null;
    }

    private async Task<(ChannelAnswer, CallHealth)> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var progress = new SendProgress();
        using var request = BuildRequest(message, progress);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        _rate.Mark();
        HttpResponseMessage response;
        try
        {
            response = await http.CreateClient(clientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            return NotAnswered(request, progress, exception, cancellationToken.IsCancellationRequested);
        }

        using (response)
        {
            string body;
            try
            {
                body = await ReadAnswerAsync(response, timeout.Token);
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException or DecoderFallbackException)
            {
                return (Unknown($"HTTP {(int)response.StatusCode}, then the answer broke off ({Describe(exception, cancellationToken.IsCancellationRequested)})"), CallHealth.Failed);
            }

            return Classify((int)response.StatusCode, body);
        }
    }

    /// <summary>No answer: TryLater if the provider cannot have acted on the request, Unknown if it may have.</summary>
    private (ChannelAnswer, CallHealth) NotAnswered(HttpRequestMessage request, SendProgress progress, Exception exception, bool callerCancelled)
    {
        var what = Describe(exception, callerCancelled);
        bool leftUs;
        if (request.Content is not null)
        {
            leftUs = progress.BodyStarted;
        }
        else
        {
            // No body: everything is in the request line. It left unless it never got a connection.
            var connectFailed = exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
            leftUs = !connectFailed && !(progress.Connecting && !progress.Connected);
        }

        if (leftUs)
        {
            return (Unknown($"no answer after the request was sent ({what})"), CallHealth.Failed);
        }

        var answer = new ChannelAnswer(ChannelOutcome.TryLater, null, $"not sent: {what}");
        return (answer, callerCancelled ? CallHealth.Neutral : CallHealth.Failed);
    }

    private static ChannelAnswer Unknown(string raw) => new(ChannelOutcome.Unknown, null, raw);

    private string Describe(Exception exception, bool callerCancelled) => exception switch
    {
        OperationCanceledException when callerCancelled => "cancelled",
        OperationCanceledException => $"timeout after {settings.Timeout.TotalSeconds:0}s",
        HttpRequestException { HttpRequestError: var error } http => $"{error}: {http.Message}",
        _ => exception.GetType().Name + ": " + exception.Message,
    };

    /// <summary>
    /// Sorts a complete answer. 429 and 503 say the provider did not take the message (TryLater); other 5xx may come
    /// after it stored the message (Unknown). Otherwise the answer is read by the success pattern or JSON pointer:
    /// success is Accepted (with the id when one is found), a fault or try-later value is TryLater, and any other
    /// readable answer is a refusal of this message (Rejected). An answer that cannot be read is Unknown.
    /// </summary>
    internal (ChannelAnswer, CallHealth) Classify(int status, string body)
    {
        var raw = status is >= 200 and < 300 ? Shorten(body, MaxRawChars) : $"HTTP {status}: {Shorten(body, MaxRawChars)}";
        if (status is 429 or 503 or 408)
        {
            return (new ChannelAnswer(ChannelOutcome.TryLater, null, raw), CallHealth.Failed);
        }

        if (status >= 500 || status < 200 || status is >= 300 and < 400)
        {
            return (Unknown(raw), CallHealth.Failed);
        }

        var success = status < 300;
        if (settings.SuccessJsonPointer is { } pointer)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body);
            }
            catch (JsonException)
            {
                return (Unknown(raw), CallHealth.Failed);
            }

            using (document)
            {
                var value = Text(Resolve(document.RootElement, pointer));
                if (value is null)
                {
                    return success ? (Unknown(raw), CallHealth.Failed) : (new ChannelAnswer(ChannelOutcome.Rejected, null, raw), CallHealth.Healthy);
                }

                if (success && value == settings.SuccessValue)
                {
                    var id = settings.MessageIdJsonPointer is { } idPointer ? Text(Resolve(document.RootElement, idPointer)) : null;
                    return (new ChannelAnswer(ChannelOutcome.Accepted, string.IsNullOrEmpty(id) ? null : id, raw), CallHealth.Healthy);
                }

                return Refusal(raw, settings.FaultValues.Contains(value), settings.TryLaterValues.Contains(value));
            }
        }

        if (success && settings.SuccessPattern!.IsMatch(body))
        {
            var match = settings.MessageIdPattern?.Match(body);
            var group = match is { Success: true } ? (match.Groups["id"].Success ? match.Groups["id"] : match.Groups[1]) : null;
            return (new ChannelAnswer(ChannelOutcome.Accepted, group is { Success: true, Length: > 0 } ? group.Value : null, raw), CallHealth.Healthy);
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return (Unknown(raw), CallHealth.Failed);
        }

        return Refusal(raw, settings.FaultPattern?.IsMatch(body) == true, settings.TryLaterPattern?.IsMatch(body) == true);
    }

    private static (ChannelAnswer, CallHealth) Refusal(string raw, bool fault, bool tryLater) =>
        fault ? (new ChannelAnswer(ChannelOutcome.TryLater, null, raw), CallHealth.Failed)
        : tryLater ? (new ChannelAnswer(ChannelOutcome.TryLater, null, raw), CallHealth.Healthy)
        : (new ChannelAnswer(ChannelOutcome.Rejected, null, raw), CallHealth.Healthy);

    private HttpRequestMessage BuildRequest(OutboundMessage message, SendProgress progress)
    {
        var values = new MessageValues(message, clock.GetUtcNow().ToUnixTimeSeconds());
        var fields = new List<(string Name, string Value)>(settings.Fields.Count);
        foreach (var (field, template) in settings.Fields.Where(f => !f.Value.UsesDynamicPassword))
        {
            fields.Add((field, template.Render(values, null)));
        }

        if (settings.Fields.Any(f => f.Value.UsesDynamicPassword))
        {
            var content = fields.FirstOrDefault(f => string.Equals(f.Name, "content", StringComparison.OrdinalIgnoreCase)).Value ?? message.Text;
            var dynamic = DynamicPassword.ForSubmit(settings.Values["Account"], settings.Values["Password"], message.Mobile, content, values.Value("time"));
            foreach (var (field, template) in settings.Fields.Where(f => f.Value.UsesDynamicPassword))
            {
                fields.Add((field, template.Render(values, dynamic)));
            }
        }

        var charset = settings.Charset;
        var url = settings.Url.OriginalString;
        var request = new HttpRequestMessage(settings.Method, url);
        switch (settings.Body)
        {
            case HttpBodyKind.Query:
                request.RequestUri = new Uri(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + FormEncode(fields));
                break;
            case HttpBodyKind.Form:
                request.Content = new TrackedContent(Encoding.ASCII.GetBytes(FormEncode(fields)), "application/x-www-form-urlencoded", charset, progress);
                break;
            case HttpBodyKind.Json:
                var buffer = new MemoryStream();
                using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    writer.WriteStartObject();
                    foreach (var (field, value) in fields)
                    {
                        writer.WriteString(field, value);
                    }

                    writer.WriteEndObject();
                }

                var json = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                request.Content = new TrackedContent(settings.Encoding.GetBytes(json), "application/json", charset, progress);
                break;
        }

        foreach (var (header, template) in settings.Headers)
        {
            request.Headers.TryAddWithoutValidation(header, template.Render(values, null));
        }

        request.Options.Set(SendProgress.Key, progress);
        return request;
    }

    private string FormEncode(List<(string Name, string Value)> fields) =>
        string.Join('&', fields.Select(f => HttpUtility.UrlEncode(f.Name, settings.Encoding) + "=" + HttpUtility.UrlEncode(f.Value, settings.Encoding)));

    private async Task<string> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while (buffer.Length < MaxAnswerBytes && (read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        var encoding = settings.Encoding;
        if (response.Content.Headers.ContentType?.CharSet is { Length: > 0 } declared)
        {
            try
            {
                encoding = Encoding.GetEncoding(declared.Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset: read it as the channel's own encoding.
            }
        }

        return encoding.GetString(buffer.GetBuffer(), 0, (int)Math.Min(buffer.Length, MaxAnswerBytes));
    }

    /// <summary>RFC 6901: /a/0/b, with ~1 for '/' and ~0 for '~'.</summary>
    private static JsonElement? Resolve(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var token in pointer.Split('/').Skip(1).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var next))
            {
                current = next;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    private static string? Text(JsonElement? element) => element?.ValueKind switch
    {
        null or JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => element.Value.GetString(),
        _ => element.Value.GetRawText(),
    };

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    [LoggerMessage(Level = LogLevel.Debug, Message = "HTTP channel {Channel}: message {MessageId} {Outcome} (upstream id {UpstreamId})")]
    private static partial void LogOutcome(ILogger logger, string channel, long messageId, ChannelOutcome outcome, string? upstreamId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HTTP channel {Channel}: circuit open for {Seconds}s after repeated failures; last: {LastError}")]
    private static partial void LogCircuitOpened(ILogger logger, string channel, double seconds, string? lastError);
}
