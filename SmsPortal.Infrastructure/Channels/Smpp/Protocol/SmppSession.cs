using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>
/// One SMPP connection over a stream, for the client channel and the server alike: framing, sequence numbers, a
/// window of outstanding requests matched to their responses with a timeout each, enquire_link on idle and the
/// answer to the peer's, unbind both ways, generic_nack for unknown command ids and undecodable PDUs, a close on an
/// impossible command_length, repeated garbage or silence. Memory is bounded by the window, the send queue, the
/// incoming concurrency and the largest PDU. The peer's misbehaviour is logged and never thrown to the caller.
/// Binding is the owner's business: it sends bind requests or answers them in its handler.
/// </summary>
public sealed partial class SmppSession : IAsyncDisposable
{
    private sealed class Pending(SmppCommand command)
    {
        public const int Queued = 0, Written = 1, Abandoned = 2;
        public int State;
        public SmppCommand Command { get; } = command;
        public TaskCompletionSource<SmppRequestResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly record struct Outgoing(byte[] Frame, Pending? Pending, bool CloseAfter);

    private readonly Stream _stream;
    private readonly SmppSessionOptions _options;
    private readonly SmppRequestHandler _handler;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly Channel<Outgoing> _outgoing;
    private readonly ConcurrentDictionary<uint, Pending> _pending = new();
    private readonly SemaphoreSlim _window;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sequence;
    private int _closeStarted;
    private int _started;
    private int _incomingActive;
    private long _throttledIncoming;
    private long _throttledUnlogged;
    private long _throttleLoggedAt = long.MinValue;
    private long _lastReceived;
    private int _enquireOutstanding;
    private int _unbinding;

    public SmppSession(Stream stream, SmppSessionOptions options, SmppRequestHandler handler, ILogger logger, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Window, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentIncoming, 1);
        _stream = stream;
        _options = options;
        _handler = handler;
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
        _window = new SemaphoreSlim(options.Window, options.Window);
        // Every response a handler writes has its slot, so the read loop waits on the queue only when the peer stops
        // reading what this side writes (then not reading is the right answer, and memory stays bounded).
        var capacity = Math.Max(16, options.SendQueueCapacity) + options.Window + options.MaxConcurrentIncoming;
        _outgoing = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _lastReceived = _clock.GetTimestamp();
    }

    public string Name => _options.Name;

    /// <summary>Completes when the session has closed, for whatever reason.</summary>
    public Task Completion => _closed.Task;

    public bool IsOpen => Volatile.Read(ref _closeStarted) == 0;

    /// <summary>Why the session closed ("peer closed the connection", "unbound", ...); null while open.</summary>
    public string? CloseReason { get; private set; }

    /// <summary>Requests sent and not yet answered.</summary>
    public int InFlight => _pending.Count;

    /// <summary>Incoming requests being handled now.</summary>
    public int IncomingInProgress => Volatile.Read(ref _incomingActive);

    /// <summary>Incoming requests answered ESME_RTHROTTLED because <see cref="SmppSessionOptions.MaxConcurrentIncoming"/> were in progress.</summary>
    public long IncomingThrottled => Interlocked.Read(ref _throttledIncoming);

    /// <summary>Starts reading, writing and the keep-alive timer. Call once.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("The session is already started.");
        }
        _ = Task.Run(ReadLoopAsync);
        _ = Task.Run(WriteLoopAsync);
        _ = Task.Run(KeepAliveLoopAsync);
    }

    /// <summary>
    /// Sends a request (its sequence number is assigned here) and waits for the answer. Waits for a window slot
    /// first; <paramref name="cancellationToken"/> only bounds that wait (and throws when it ends it). Once queued,
    /// the request ends answered, timed out, not sent or with the connection lost; it never throws for the peer.
    /// </summary>
    public async Task<SmppRequestResult> SendRequestAsync(SmppPdu request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.IsResponse)
        {
            throw new ArgumentException("Send responses with SendResponseAsync.", nameof(request));
        }
        if (!IsOpen)
        {
            return new SmppRequestResult(SmppRequestOutcome.NotSent, null, CloseReason ?? "closed");
        }
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token))
        {
            try
            {
                await _window.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new SmppRequestResult(SmppRequestOutcome.NotSent, null, CloseReason ?? "closed");
            }
        }
        try
        {
            return await SendCoreAsync(request).ConfigureAwait(false);
        }
        finally
        {
            _window.Release();
        }
    }

    private async Task<SmppRequestResult> SendCoreAsync(SmppPdu request)
    {
        request.Sequence = NextSequence();
        var pending = new Pending(request.Command);
        _pending[request.Sequence] = pending;
        var frame = SmppCodec.Encode(request);
        if (!IsOpen || !await EnqueueAsync(new Outgoing(frame, pending, false)).ConfigureAwait(false))
        {
            _pending.TryRemove(request.Sequence, out _);
            Interlocked.CompareExchange(ref pending.State, Pending.Abandoned, Pending.Queued);
            return new SmppRequestResult(SmppRequestOutcome.NotSent, null, CloseReason ?? "closed");
        }
        try
        {
            return await pending.Answer.Task.WaitAsync(_options.RequestTimeout, _clock).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            if (!_pending.TryRemove(request.Sequence, out _))
            {
                return await pending.Answer.Task.ConfigureAwait(false);
            }
            if (Interlocked.CompareExchange(ref pending.State, Pending.Abandoned, Pending.Queued) == Pending.Queued)
            {
                return new SmppRequestResult(SmppRequestOutcome.NotSent, null, "not written within the request timeout");
            }
            LogRequestTimedOut(_logger, Name, SmppCommands.Name((uint)request.Command), request.Sequence);
            return new SmppRequestResult(SmppRequestOutcome.TimedOut, null, $"no response within {_options.RequestTimeout.TotalSeconds:0.###} s");
        }
    }

    /// <summary>Writes a response (or any PDU that expects no answer). False when the session is closed.</summary>
    public ValueTask<bool> SendResponseAsync(SmppPdu response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return EnqueueAsync(new Outgoing(SmppCodec.Encode(response), null, false));
    }

    /// <summary>Writes a last response and closes once it is written (a refused bind). False when the session is closed.</summary>
    public ValueTask<bool> SendResponseAndCloseAsync(SmppPdu response, string reason)
    {
        ArgumentNullException.ThrowIfNull(response);
        CloseReasonAfterWrite = reason;
        return EnqueueAsync(new Outgoing(SmppCodec.Encode(response), null, true));
    }

    /// <summary>Sends unbind, waits for unbind_resp (or the request timeout) and closes.</summary>
    public async Task UnbindAsync()
    {
        if (IsOpen)
        {
            Volatile.Write(ref _unbinding, 1);
            var result = await SendCoreAsync(new EmptyPdu(SmppCommand.Unbind)).ConfigureAwait(false);
            LogUnbound(_logger, Name, result.Outcome.ToString());
        }
        Close("unbound by this side");
        await Completion.ConfigureAwait(false);
    }

    /// <summary>Closes at once: pending requests end NotSent or ConnectionLost, the stream is disposed.</summary>
    public void Close(string reason)
    {
        if (Interlocked.Exchange(ref _closeStarted, 1) == 1)
        {
            return;
        }
        CloseReason = reason;
        LogClosed(_logger, Name, reason);
        _closing.Cancel();
        _outgoing.Writer.TryComplete();
        try
        {
            _stream.Dispose();
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
        {
            LogIgnored(_logger, Name, exception.Message);
        }
        foreach (var sequence in _pending.Keys)
        {
            if (_pending.TryRemove(sequence, out var pending))
            {
                var neverWritten = Interlocked.CompareExchange(ref pending.State, Pending.Abandoned, Pending.Queued) == Pending.Queued;
                pending.Answer.TrySetResult(new SmppRequestResult(
                    neverWritten ? SmppRequestOutcome.NotSent : SmppRequestOutcome.ConnectionLost, null, reason));
            }
        }
        _closed.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        Close("disposed");
        await Completion.ConfigureAwait(false);
        _closing.Dispose();
    }

    private uint NextSequence()
    {
        while (true)
        {
            var next = (uint)Interlocked.Increment(ref _sequence) & 0x7FFFFFFF;
            if (next != 0)
            {
                return next;
            }
        }
    }

    private async ValueTask<bool> EnqueueAsync(Outgoing item)
    {
        try
        {
            await _outgoing.Writer.WriteAsync(item, _closing.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is ChannelClosedException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task WriteLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var reader = _outgoing.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_closing.Token).ConfigureAwait(false))
            {
                var used = 0;
                var closeAfter = false;
                while (!closeAfter && reader.TryRead(out var item))
                {
                    if (item.Pending is { } pending
                        && Interlocked.CompareExchange(ref pending.State, Pending.Written, Pending.Queued) != Pending.Queued)
                    {
                        continue; // timed out before it left: never written
                    }
                    if (used + item.Frame.Length > buffer.Length)
                    {
                        await _stream.WriteAsync(buffer.AsMemory(0, used), _closing.Token).ConfigureAwait(false);
                        used = 0;
                    }
                    if (item.Frame.Length > buffer.Length)
                    {
                        await _stream.WriteAsync(item.Frame, _closing.Token).ConfigureAwait(false);
                    }
                    else
                    {
                        item.Frame.CopyTo(buffer, used);
                        used += item.Frame.Length;
                    }
                    closeAfter = item.CloseAfter;
                }
                if (used > 0)
                {
                    await _stream.WriteAsync(buffer.AsMemory(0, used), _closing.Token).ConfigureAwait(false);
                }
                await _stream.FlushAsync(_closing.Token).ConfigureAwait(false);
                if (closeAfter)
                {
                    Close(CloseReasonAfterWrite ?? "closed after the last answer");
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // closing
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or NotSupportedException or InvalidOperationException)
        {
            Close("write failed: " + exception.Message);
        }
    }

    private string? CloseReasonAfterWrite { get; set; }

    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        var consecutiveErrors = 0;
        try
        {
            while (IsOpen)
            {
                var result = await reader.ReadAsync(_closing.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (IsOpen && buffer.Length >= 4)
                {
                    var length = ReadUInt32(buffer);
                    if (SmppCodec.CheckLength(length, _options.MaxPduLength) is { } problem)
                    {
                        var sequence = buffer.Length >= SmppHeader.Size ? ReadHeader(buffer).Sequence : 0;
                        LogFramingLost(_logger, Name, problem);
                        await FailAndCloseAsync(SmppStatus.InvalidCommandLength, sequence, "framing lost: " + problem).ConfigureAwait(false);
                        return;
                    }
                    if (buffer.Length < length)
                    {
                        break;
                    }
                    var frame = buffer.Slice(0, length).ToArray();
                    buffer = buffer.Slice(length);
                    Interlocked.Exchange(ref _lastReceived, _clock.GetTimestamp());
                    consecutiveErrors = await HandleFrameAsync(frame).ConfigureAwait(false) ? 0 : consecutiveErrors + 1;
                    if (consecutiveErrors >= _options.MaxConsecutiveErrors)
                    {
                        await FailAndCloseAsync(null, 0, $"{consecutiveErrors} undecodable PDUs in a row").ConfigureAwait(false);
                        return;
                    }
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    // The peer may close as soon as it has our last answer (unbind_resp), before the writer gets to close.
                    Close(Volatile.Read(ref _unbinding) == 1 ? "unbound by this side"
                        : CloseReasonAfterWrite ?? (buffer.Length > 0 ? "peer closed the connection mid-PDU" : "peer closed the connection"));
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // closing
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException or NotSupportedException)
        {
            Close("read failed: " + exception.Message);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static uint ReadUInt32(ReadOnlySequence<byte> buffer)
    {
        Span<byte> four = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(four);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(four);
    }

    private static SmppHeader ReadHeader(ReadOnlySequence<byte> buffer)
    {
        Span<byte> header = stackalloc byte[SmppHeader.Size];
        buffer.Slice(0, SmppHeader.Size).CopyTo(header);
        return SmppHeader.Read(header);
    }

    // Sends a last generic_nack when there is a status to tell, then closes once it is written.
    private async Task FailAndCloseAsync(uint? status, uint sequence, string reason)
    {
        if (status is { } s)
        {
            CloseReasonAfterWrite = reason;
            var nack = new EmptyPdu(SmppCommand.GenericNack) { Status = s, Sequence = sequence };
            if (await EnqueueAsync(new Outgoing(SmppCodec.Encode(nack), null, true)).ConfigureAwait(false))
            {
                // The writer closes after the nack; if it cannot write, the inactivity timer or the write error does.
                var written = await Task.WhenAny(Completion, Task.Delay(TimeSpan.FromSeconds(2), _clock)).ConfigureAwait(false);
                if (written == Completion)
                {
                    return;
                }
            }
        }
        Close(reason);
    }

    /// <summary>Handles one frame; false when it could not be decoded.</summary>
    private async Task<bool> HandleFrameAsync(byte[] frame)
    {
        SmppPdu pdu;
        try
        {
            pdu = SmppCodec.Decode(frame, _options.MaxPduLength);
        }
        catch (SmppDecodeException error)
        {
            await AnswerUndecodableAsync(error).ConfigureAwait(false);
            return false;
        }

        if (pdu.IsResponse)
        {
            if (_pending.TryRemove(pdu.Sequence, out var pending))
            {
                pending.Answer.TrySetResult(new SmppRequestResult(SmppRequestOutcome.Answered, pdu, pdu.ToString()));
                if (pending.Command == SmppCommand.EnquireLink)
                {
                    Interlocked.Exchange(ref _enquireOutstanding, 0);
                }
            }
            else
            {
                LogUnexpectedResponse(_logger, Name, pdu.ToString());
            }
            return true;
        }

        switch (pdu.Command)
        {
            case SmppCommand.EnquireLink:
                await SendResponseAsync(pdu.CreateResponse()).ConfigureAwait(false);
                return true;
            case SmppCommand.Unbind:
                CloseReasonAfterWrite = "unbound by the peer";
                await EnqueueAsync(new Outgoing(SmppCodec.Encode(pdu.CreateResponse()), null, true)).ConfigureAwait(false);
                return true;
        }

        if (Interlocked.Increment(ref _incomingActive) > _options.MaxConcurrentIncoming)
        {
            // Never wait for a handler here: the responses behind this request would wait with it.
            Interlocked.Decrement(ref _incomingActive);
            Throttled(pdu);
            await SendResponseAsync(pdu.CreateResponse(SmppStatus.Throttled)).ConfigureAwait(false);
            return true;
        }
        _ = Task.Run(() => HandleRequestAsync(pdu));
        return true;
    }

    private void Throttled(SmppPdu request)
    {
        Interlocked.Increment(ref _throttledIncoming);
        var unlogged = Interlocked.Increment(ref _throttledUnlogged);
        var now = _clock.GetTimestamp();
        var last = Interlocked.Read(ref _throttleLoggedAt);
        if ((last == long.MinValue || _clock.GetElapsedTime(last, now) >= _options.ThrottleLogInterval)
            && Interlocked.CompareExchange(ref _throttleLoggedAt, now, last) == last)
        {
            Interlocked.Add(ref _throttledUnlogged, -unlogged);
            LogIncomingThrottled(_logger, Name, unlogged, _options.MaxConcurrentIncoming, SmppCommands.Name((uint)request.Command));
        }
    }

    private async Task HandleRequestAsync(SmppPdu request)
    {
        try
        {
            var response = await _handler(this, request, _closing.Token).ConfigureAwait(false);
            if (response is not null)
            {
                await SendResponseAsync(response).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // closing: the peer gets no answer, as with any connection lost
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogHandlerFailed(_logger, Name, request.ToString(), exception);
            await SendResponseAsync(request.CreateResponse(SmppStatus.SystemError)).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _incomingActive);
        }
    }

    private async Task AnswerUndecodableAsync(SmppDecodeException error)
    {
        LogUndecodable(_logger, Name, error.Message, SmppStatus.Name(error.Status));
        var sequence = error.Sequence ?? 0;
        SmppPdu answer;
        if (error.CommandId is { } id && SmppPdu.Create(id) is { IsResponse: false } request)
        {
            // A known request with a bad body: its own response carries the status (e.g. submit_sm_resp ESME_RINVDSTADR).
            request.Sequence = sequence;
            answer = request.CreateResponse(error.Status);
        }
        else
        {
            answer = new EmptyPdu(SmppCommand.GenericNack) { Status = error.Status, Sequence = sequence };
            if (error.CommandId is { } responseId && SmppCommands.IsResponse(responseId) && _pending.TryRemove(sequence, out var pending))
            {
                // A response we cannot read still answers our request: with its status, or as a failure when it claims success.
                var response = SmppPdu.Create(responseId) ?? new EmptyPdu(SmppCommand.GenericNack);
                response.Sequence = sequence;
                response.Status = error.Status;
                pending.Answer.TrySetResult(new SmppRequestResult(SmppRequestOutcome.Answered, response, "undecodable response: " + error.Message));
            }
        }
        await SendResponseAsync(answer).ConfigureAwait(false);
    }

    private async Task KeepAliveLoopAsync()
    {
        var shortest = _options.InactivityTimeout;
        if (_options.EnquireLinkInterval > TimeSpan.Zero && _options.EnquireLinkInterval < shortest)
        {
            shortest = _options.EnquireLinkInterval;
        }
        var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(10).Ticks, Math.Min(shortest.Ticks / 4, TimeSpan.FromSeconds(1).Ticks)));
        using var timer = new PeriodicTimer(tick, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_closing.Token).ConfigureAwait(false))
            {
                var silent = _clock.GetElapsedTime(Interlocked.Read(ref _lastReceived));
                if (silent >= _options.InactivityTimeout)
                {
                    Close($"nothing received for {silent.TotalSeconds:0.#} s");
                    return;
                }
                if (_options.EnquireLinkInterval > TimeSpan.Zero && silent >= _options.EnquireLinkInterval
                    && Interlocked.CompareExchange(ref _enquireOutstanding, 1, 0) == 0)
                {
                    _ = EnquireAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // closing
        }
    }

    private async Task EnquireAsync()
    {
        var result = await SendCoreAsync(new EmptyPdu(SmppCommand.EnquireLink)).ConfigureAwait(false);
        Interlocked.Exchange(ref _enquireOutstanding, 0);
        if (result.Outcome == SmppRequestOutcome.TimedOut)
        {
            Close("enquire_link unanswered");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMPP {Session}: closed ({Reason})")]
    private static partial void LogClosed(ILogger logger, string session, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SMPP {Session}: ignored while closing: {Problem}")]
    private static partial void LogIgnored(ILogger logger, string session, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMPP {Session}: {Command} seq={Sequence} got no response in time")]
    private static partial void LogRequestTimedOut(ILogger logger, string session, string command, uint sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMPP {Session}: unbind ended {Outcome}")]
    private static partial void LogUnbound(ILogger logger, string session, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMPP {Session}: framing lost, closing: {Problem}")]
    private static partial void LogFramingLost(ILogger logger, string session, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMPP {Session}: undecodable PDU ({Problem}), answered {Status}")]
    private static partial void LogUndecodable(ILogger logger, string session, string problem, string status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SMPP {Session}: response with no request waiting for it: {Pdu}")]
    private static partial void LogUnexpectedResponse(ILogger logger, string session, string pdu);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMPP {Session}: {Count} request(s) answered ESME_RTHROTTLED since the last report: {Max} already in progress (latest: {Command})")]
    private static partial void LogIncomingThrottled(ILogger logger, string session, long count, int max, string command);

    [LoggerMessage(Level = LogLevel.Error, Message = "SMPP {Session}: the handler failed on {Pdu}; answered ESME_RSYSERR")]
    private static partial void LogHandlerFailed(ILogger logger, string session, string pdu, Exception exception);
}
