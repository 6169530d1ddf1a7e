using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;

namespace SmsPortal.Infrastructure.Channels.Smpp;

/// <summary>
/// An upstream SMSC over SMPP 3.4: one bind_transceiver (or a transmitter and a receiver), reconnecting with backoff;
/// submits within a window and a rate cap; receipts and handset replies reported through <see cref="IUpstreamEvents"/>.
/// <para>
/// Outcomes: every part accepted → Accepted with the first part's id. ESME_RTHROTTLED halves the rate for a while and
/// the same part is sent again after a pause. Before any part was accepted, a temporary status (queue full,
/// throttled too long, system error, RX_T_APPN), no bind, or no window slot in time → TryLater; a permanent status →
/// Rejected. Once a submit_sm has left without an answer (timeout, connection lost), or once a part was accepted and a
/// later one fails → Unknown, never sent again (with the first part's id when there is one, so its receipt settles it).
/// </para>
/// <para>
/// Receipts: the id in submit_sm_resp and in the receipt are brought to one form (<see cref="SmppMessageIdFormat"/>).
/// A split message keeps a map from each part's id to the message's id (the first part's): it is failed as soon as
/// any part is receipted failed, and delivered once every accepted part is receipted delivered. deliver_sm_resp is
/// written only after <see cref="IUpstreamEvents.ReceiptAsync"/> returns; ENROUTE and ACCEPTD are answered and ignored.
/// Receipts are stored side by side (up to <see cref="SmppChannelOptions.MaxRequestsInProgress"/>, then ESME_RTHROTTLED)
/// and never hold up the submit_sm_resp read behind them.
/// </para>
/// </summary>
public sealed partial class SmppChannel : ISmsChannel
{
    private const int MaxTrackedParts = 200_000;
    private static readonly TimeSpan TrackedFor = TimeSpan.FromDays(3);

    private sealed record Binding(SmppSession Transmitter, SmppSession? Receiver);

    /// <summary>The parts of one split message, so that a receipt for any of them settles the message.</summary>
    private sealed class LongMessage(string upstreamId, int expected, DateTimeOffset created)
    {
        public string UpstreamId { get; } = upstreamId;
        public DateTimeOffset Created { get; } = created;
        public List<string> PartIds { get; } = [];
        public int Expected { get; set; } = expected;
        public int Delivered { get; set; }
        public bool Settled { get; set; }
    }

    private readonly SmppChannelOptions _options;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly SubmitPacer _pacer;
    private readonly SmsReassembler _reassembler;
    private readonly ConcurrentDictionary<string, LongMessage> _parts = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private volatile Binding? _binding;
    private volatile string _state = "stopped";
    private string? _lastError;
    private long _errors;
    private int _reference;
    private IUpstreamEvents? _events;
    private Task _loops = Task.CompletedTask;

    public SmppChannel(string name, SmppChannelOptions options, IServiceProvider services, TimeProvider clock, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        Name = name;
        _options = options;
        _services = services;
        _clock = clock;
        _logger = loggers.CreateLogger<SmppChannel>();
        _pacer = new SubmitPacer(options.MaxPerSecond, TimeSpan.FromSeconds(options.ThrottleSlowdownSeconds), clock);
        _reassembler = new SmsReassembler(1000, TimeSpan.FromMinutes(5), clock);
        _reference = Random.Shared.Next(256);
    }

    public string Name { get; }

    public ChannelStatus Status
    {
        get
        {
            var binding = _binding;
            var up = binding is not null && binding.Transmitter.IsOpen && binding.Receiver?.IsOpen != false;
            return new ChannelStatus(up, up ? "bound" : _state, binding?.Transmitter.InFlight ?? 0, _options.Window,
                _pacer.PerSecond(), Interlocked.Read(ref _errors), Volatile.Read(ref _lastError));
        }
    }

    // A singleton that itself may depend on the channels: resolved at first use, not at construction.
    private IUpstreamEvents Events => _events ??= _services.GetRequiredService<IUpstreamEvents>();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_state == "stopped" && !_stopping.IsCancellationRequested)
        {
            _state = "connecting";
            _loops = Task.WhenAll(Task.Run(ConnectLoopAsync, CancellationToken.None), Task.Run(HousekeepingLoopAsync, CancellationToken.None));
        }
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loops.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogStopSlow(_logger, Name);
        }
        _state = "stopped";
        _stopping.Dispose();
    }

    // ---- connection ----------------------------------------------------------------------------

    private async Task ConnectLoopAsync()
    {
        var attempt = 0;
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            _state = "connecting";
            Binding? binding = null;
            try
            {
                if (_options.BindMode == SmppBindMode.TxRx)
                {
                    var transmitter = await BindAsync(SmppCommand.BindTransmitter, stopping).ConfigureAwait(false);
                    var receiver = transmitter is null ? null : await BindAsync(SmppCommand.BindReceiver, stopping).ConfigureAwait(false);
                    if (transmitter is not null && receiver is null)
                    {
                        await transmitter.UnbindAsync().ConfigureAwait(false);
                    }
                    binding = receiver is null ? null : new Binding(transmitter!, receiver);
                }
                else if (await BindAsync(SmppCommand.BindTransceiver, stopping).ConfigureAwait(false) is { } transceiver)
                {
                    binding = new Binding(transceiver, null);
                }

                if (binding is not null)
                {
                    attempt = 0;
                    _binding = binding;
                    LogBound(_logger, Name, _options.Host, _options.Port, _options.BindMode.ToString());
                    var ended = await Task.WhenAny(binding.Transmitter.Completion, binding.Receiver?.Completion ?? Task.Delay(Timeout.Infinite, stopping),
                        Task.Delay(Timeout.Infinite, stopping)).ConfigureAwait(false);
                    _binding = null;
                    if (!stopping.IsCancellationRequested)
                    {
                        var lost = binding.Transmitter.IsOpen ? binding.Receiver!.CloseReason : binding.Transmitter.CloseReason;
                        Fail("connection lost: " + lost);
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // stopping
            }
            finally
            {
                _binding = null;
                if (binding is not null)
                {
                    await Task.WhenAll(UnbindQuietlyAsync(binding.Transmitter), UnbindQuietlyAsync(binding.Receiver)).ConfigureAwait(false);
                }
            }
            if (stopping.IsCancellationRequested)
            {
                break;
            }
            _state = "connecting";
            try
            {
                await Task.Delay(Backoff(attempt++), _clock, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var min = Math.Max(0.1, _options.ReconnectMinSeconds);
        var seconds = Math.Min(_options.ReconnectMaxSeconds, min * Math.Pow(2, Math.Min(attempt, 20)));
        return TimeSpan.FromSeconds(seconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    private static async Task UnbindQuietlyAsync(SmppSession? session)
    {
        if (session is not null)
        {
            await session.UnbindAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            session.Close("channel stopped");
        }
    }

    /// <summary>Connects and binds; null (with the error recorded) when either fails.</summary>
    private async Task<SmppSession?> BindAsync(SmppCommand command, CancellationToken stopping)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping))
            {
                timeout.CancelAfter(TimeSpan.FromSeconds(_options.ResponseTimeoutSeconds));
                await client.ConnectAsync(_options.Host, _options.Port, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException && !stopping.IsCancellationRequested)
        {
            client.Dispose();
            Fail($"connect to {_options.Host}:{_options.Port} failed: {exception.Message}");
            return null;
        }
        catch
        {
            client.Dispose();
            throw;
        }

        var session = new SmppSession(client.GetStream(), new SmppSessionOptions
        {
            Name = $"{Name} {SmppCommands.Name((uint)command)}",
            Window = _options.Window,
            RequestTimeout = TimeSpan.FromSeconds(_options.ResponseTimeoutSeconds),
            EnquireLinkInterval = TimeSpan.FromSeconds(_options.EnquireLinkSeconds),
            InactivityTimeout = TimeSpan.FromSeconds(_options.EnquireLinkSeconds * 2 + _options.ResponseTimeoutSeconds),
            MaxConcurrentIncoming = _options.MaxRequestsInProgress,
        }, HandleRequestAsync, _logger, _clock);
        session.Start();
        _ = session.Completion.ContinueWith(_ => client.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var bind = new BindPdu(command)
        {
            SystemId = _options.SystemId,
            Password = _options.Password,
            SystemType = _options.SystemType,
            AddressTon = _options.SourceTon,
            AddressNpi = _options.SourceNpi,
        };
        var result = await session.SendRequestAsync(bind, stopping).ConfigureAwait(false);
        if (result.IsOk)
        {
            return session;
        }
        session.Close("bind refused");
        Fail(result.Response is { } response
            ? $"{SmppCommands.Name((uint)command)} refused: {SmppStatus.Name(response.Status)}"
            : $"{SmppCommands.Name((uint)command)} failed: {result.Outcome} ({result.Detail})");
        _state = "bind failed";
        return null;
    }

    private void Fail(string error)
    {
        Interlocked.Increment(ref _errors);
        Volatile.Write(ref _lastError, error);
        LogError(_logger, Name, error);
    }

    // ---- submit --------------------------------------------------------------------------------

    public async Task<ChannelAnswer> SubmitAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var destination = message.Mobile.Replace(" ", "", StringComparison.Ordinal);
        if (destination.Length is 0 or > 20 || !destination.All(char.IsAsciiDigit))
        {
            return new ChannelAnswer(ChannelOutcome.Rejected, null, $"destination '{message.Mobile}' cannot be an SMPP address");
        }
        IReadOnlyList<SmsPart> parts;
        try
        {
            parts = SmsText.Split(message.Text, _options.Encoding, Interlocked.Increment(ref _reference));
        }
        catch (ArgumentException exception)
        {
            return new ChannelAnswer(ChannelOutcome.Rejected, null, exception.Message);
        }

        var deadline = _clock.GetUtcNow() + TimeSpan.FromSeconds(_options.SubmitWaitSeconds);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waiting.CancelAfter(TimeSpan.FromSeconds(_options.SubmitWaitSeconds));
        var raw = new List<string>(parts.Count);
        string? firstId = null;
        LongMessage? tracker = null;

        ChannelAnswer Stop(ChannelOutcome before, string why)
        {
            raw.Add(why);
            if (tracker is not null)
            {
                FinishTracking(tracker, raw.Count - 1);
            }
            // Once a part is out, nothing of this message is sent again.
            return new ChannelAnswer(firstId is null && before != ChannelOutcome.Unknown ? before : ChannelOutcome.Unknown, firstId, string.Join(" | ", raw));
        }

        for (var i = 0; i < parts.Count; i++)
        {
            while (true)
            {
                var binding = _binding;
                if (binding is null || !binding.Transmitter.IsOpen)
                {
                    return Stop(ChannelOutcome.TryLater, $"not bound ({_state}{(_lastError is null ? "" : ": " + _lastError)})");
                }
                if (!await _pacer.WaitTurnAsync(deadline, cancellationToken).ConfigureAwait(false))
                {
                    return Stop(ChannelOutcome.TryLater, $"rate cap: no turn within {_options.SubmitWaitSeconds} s");
                }
                var pdu = new SubmitSmPdu
                {
                    SourceTon = _options.SourceTon,
                    SourceNpi = _options.SourceNpi,
                    SourceAddress = _options.SourceAddress,
                    DestinationTon = _options.DestinationTon,
                    DestinationNpi = _options.DestinationNpi,
                    DestinationAddress = destination,
                    RegisteredDelivery = _options.RegisteredDelivery,
                };
                parts[i].ApplyTo(pdu);
                SmppRequestResult result;
                try
                {
                    result = await binding.Transmitter.SendRequestAsync(pdu, waiting.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return Stop(ChannelOutcome.TryLater, $"window full for {_options.SubmitWaitSeconds} s");
                }
                _pacer.Count();

                if (result.Outcome is SmppRequestOutcome.TimedOut or SmppRequestOutcome.ConnectionLost)
                {
                    Fail($"submit_sm {result.Outcome}: {result.Detail}");
                    return Stop(ChannelOutcome.Unknown, $"submit_sm {result.Outcome}: {result.Detail}");
                }
                if (result.Outcome == SmppRequestOutcome.NotSent)
                {
                    return Stop(ChannelOutcome.TryLater, "submit_sm not sent: " + result.Detail);
                }
                var response = result.Response!;
                var status = response.Command == SmppCommand.GenericNack && response.Status == SmppStatus.Ok ? SmppStatus.UnknownError : response.Status;
                var answer = $"{SmppCommands.Name((uint)response.Command)} {SmppStatus.Name(status)}";
                if (status == SmppStatus.Throttled)
                {
                    _pacer.Throttled();
                    var pause = TimeSpan.FromMilliseconds(_options.ThrottleRetryMilliseconds);
                    if (_clock.GetUtcNow() + pause > deadline)
                    {
                        return Stop(ChannelOutcome.TryLater, answer + " for too long");
                    }
                    LogThrottled(_logger, Name);
                    await Task.Delay(pause, _clock, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (status != SmppStatus.Ok)
                {
                    Fail(answer);
                    return Stop(SmppStatus.IsTemporary(status) ? ChannelOutcome.TryLater : ChannelOutcome.Rejected, answer);
                }
                var id = (response as MessageIdRespPdu)?.MessageId;
                if (string.IsNullOrWhiteSpace(id))
                {
                    Fail(answer + " without a message_id");
                    return Stop(ChannelOutcome.Unknown, answer + " without a message_id");
                }
                var canonical = SmppMessageIds.Canonical(id, _options.MessageIdFormat, _options.MessageIdFormat);
                raw.Add($"{answer} message_id={id}");
                if (firstId is null)
                {
                    firstId = canonical;
                    if (parts.Count > 1)
                    {
                        tracker = new LongMessage(canonical, parts.Count, _clock.GetUtcNow());
                    }
                }
                if (tracker is not null)
                {
                    lock (tracker)
                    {
                        tracker.PartIds.Add(canonical);
                    }
                    _parts[canonical] = tracker;
                }
                break;
            }
        }
        return new ChannelAnswer(ChannelOutcome.Accepted, firstId, string.Join(" | ", raw));
    }

    // A split message that stopped part-way: only the accepted parts will be receipted.
    private void FinishTracking(LongMessage tracker, int accepted)
    {
        bool settle;
        lock (tracker)
        {
            tracker.Expected = accepted;
            settle = !tracker.Settled && accepted > 0 && tracker.Delivered >= accepted;
            tracker.Settled |= settle;
        }
        if (settle)
        {
            _ = Task.Run(() => ReportReceiptAsync(tracker.UpstreamId, true, "all accepted parts delivered", CancellationToken.None));
        }
    }

    // ---- incoming ------------------------------------------------------------------------------

    private async ValueTask<SmppPdu?> HandleRequestAsync(SmppSession session, SmppPdu request, CancellationToken cancellationToken)
    {
        switch (request)
        {
            case DeliverSmPdu deliver when deliver.IsDeliveryReceipt:
                return request.CreateResponse(await OnReceiptAsync(deliver, deliver.DataCoding,
                    deliver.GetTlv(SmppTlvTag.MessagePayload)?.Value ?? deliver.ShortMessage, cancellationToken).ConfigureAwait(false));
            case DeliverSmPdu deliver:
                return request.CreateResponse(await OnReplyAsync(SmsIncomingPart.From(deliver, _options.Gsm7Packed), cancellationToken).ConfigureAwait(false));
            case DataSmPdu data when (data.EsmClass & 0x3C) is 0x04 or 0x20:
                return request.CreateResponse(await OnReceiptAsync(data, data.DataCoding,
                    data.GetTlv(SmppTlvTag.MessagePayload)?.Value ?? [], cancellationToken).ConfigureAwait(false));
            case DataSmPdu data:
                return request.CreateResponse(await OnReplyAsync(SmsIncomingPart.From(data, _options.Gsm7Packed), cancellationToken).ConfigureAwait(false));
            default:
                LogUnexpectedRequest(_logger, Name, request.ToString());
                return request.CreateResponse(SmppStatus.InvalidCommandId);
        }
    }

    private async Task<uint> OnReceiptAsync(SmppPdu pdu, byte dataCoding, byte[] content, CancellationToken cancellationToken)
    {
        var text = SmsText.Decode(dataCoding, content, _options.Gsm7Packed);
        var receipt = DeliveryReceipt.Parse(text);
        var id = pdu.GetCString(SmppTlvTag.ReceiptedMessageId) ?? receipt?.Id;
        var state = receipt?.State ?? StateOf(pdu.GetByte(SmppTlvTag.MessageState));
        if (string.IsNullOrWhiteSpace(id) || state is null)
        {
            LogUnreadableReceipt(_logger, Name, text);
            return SmppStatus.Ok; // nothing to match: answering an error would only make the SMSC send it again
        }
        var parsed = receipt ?? new DeliveryReceipt(id, State: state);
        if (!(parsed with { State = state }).IsFinal)
        {
            return SmppStatus.Ok;
        }
        var delivered = string.Equals(state, DeliveryReceipt.StateDelivered, StringComparison.OrdinalIgnoreCase);
        var canonical = SmppMessageIds.Canonical(id, _options.ReceiptIds, _options.MessageIdFormat);
        var upstreamId = canonical;
        if (_parts.TryGetValue(canonical, out var tracker))
        {
            lock (tracker)
            {
                if (tracker.Settled)
                {
                    return SmppStatus.Ok;
                }
                if (delivered && ++tracker.Delivered < tracker.Expected)
                {
                    return SmppStatus.Ok;
                }
                tracker.Settled = true;
            }
            upstreamId = tracker.UpstreamId;
        }
        if (!await ReportReceiptAsync(upstreamId, delivered, text, cancellationToken).ConfigureAwait(false))
        {
            if (tracker is not null)
            {
                lock (tracker)
                {
                    tracker.Settled = false;
                    if (delivered)
                    {
                        tracker.Delivered--;
                    }
                }
            }
            return SmppStatus.TemporaryAppError;
        }
        return SmppStatus.Ok;
    }

    private static string? StateOf(byte? messageState) => (SmppMessageState?)messageState switch
    {
        SmppMessageState.Enroute => DeliveryReceipt.StateEnroute,
        SmppMessageState.Delivered => DeliveryReceipt.StateDelivered,
        SmppMessageState.Expired => DeliveryReceipt.StateExpired,
        SmppMessageState.Deleted => DeliveryReceipt.StateDeleted,
        SmppMessageState.Undeliverable => DeliveryReceipt.StateUndeliverable,
        SmppMessageState.Accepted => DeliveryReceipt.StateAccepted,
        SmppMessageState.Unknown => DeliveryReceipt.StateUnknown,
        SmppMessageState.Rejected => DeliveryReceipt.StateRejected,
        _ => null,
    };

    private async Task<bool> ReportReceiptAsync(string upstreamId, bool delivered, string raw, CancellationToken cancellationToken)
    {
        try
        {
            await Events.ReceiptAsync(Name, upstreamId, delivered, raw, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogReportFailed(_logger, Name, upstreamId, exception);
            return false;
        }
    }

    private async Task<uint> OnReplyAsync(SmsIncomingPart part, CancellationToken cancellationToken)
    {
        var joined = _reassembler.Add(part);
        if (joined is null)
        {
            return SmppStatus.Ok;
        }
        return await ReportReplyAsync(joined, cancellationToken).ConfigureAwait(false) ? SmppStatus.Ok : SmppStatus.TemporaryAppError;
    }

    private async Task<bool> ReportReplyAsync(SmsJoinedMessage joined, CancellationToken cancellationToken)
    {
        var raw = string.Create(CultureInfo.InvariantCulture,
            $"deliver_sm source_addr={joined.Source} destination_addr={joined.Destination}{(joined.Complete ? "" : " (parts missing)")} text={joined.Text}");
        try
        {
            await Events.ReplyAsync(Name, new InboundReply(joined.Source, joined.Destination, joined.Text, _clock.GetUtcNow(), raw), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogReportFailed(_logger, Name, joined.Source, exception);
            return false;
        }
    }

    /// <summary>Every few seconds: replies whose parts stopped coming, and forgetting split messages nobody receipts.</summary>
    private async Task HousekeepingLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                foreach (var expired in _reassembler.TakeExpired())
                {
                    await ReportReplyAsync(expired, _stopping.Token).ConfigureAwait(false);
                }
                var cutoff = _clock.GetUtcNow() - TrackedFor;
                var old = _parts.Where(p => p.Value.Created < cutoff).ToList();
                if (_parts.Count - old.Count > MaxTrackedParts)
                {
                    old = [.. _parts.OrderBy(p => p.Value.Created).Take(_parts.Count - MaxTrackedParts / 2)];
                }
                foreach (var (key, _) in old)
                {
                    _parts.TryRemove(key, out _);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMPP channel {Channel}: bound to {Host}:{Port} ({Mode})")]
    private static partial void LogBound(ILogger logger, string channel, string host, int port, string mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMPP channel {Channel}: {Error}")]
    private static partial void LogError(ILogger logger, string channel, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SMPP channel {Channel}: throttled by the SMSC, slowing down")]
    private static partial void LogThrottled(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMPP channel {Channel}: unexpected request from the SMSC: {Pdu}")]
    private static partial void LogUnexpectedRequest(ILogger logger, string channel, string pdu);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMPP channel {Channel}: a receipt without id or state: {Text}")]
    private static partial void LogUnreadableReceipt(ILogger logger, string channel, string text);

    [LoggerMessage(Level = LogLevel.Error, Message = "SMPP channel {Channel}: reporting {Id} failed; the SMSC is told to try again")]
    private static partial void LogReportFailed(ILogger logger, string channel, string id, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMPP channel {Channel}: did not stop within 10 s")]
    private static partial void LogStopSlow(ILogger logger, string channel);
}
