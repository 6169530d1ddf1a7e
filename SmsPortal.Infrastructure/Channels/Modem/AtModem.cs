using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace SmsPortal.Infrastructure.Channels.Modem;

/// <summary>
/// One GSM modem: opens its port, initialises it (echo off, numeric errors, SIM PIN, PDU mode, new-message and
/// status-report indications), checks the signal, sends PDUs with AT+CMGS one at a time, and turns unsolicited
/// +CDS, +CMT, +CMTI and +CDSI into events. When the port closes, the modem stops answering or the SIM fails it
/// goes down and tries again after <see cref="ModemOptions.ReconnectSeconds"/>; a PIN the SIM refused is not
/// tried again.
/// </summary>
internal sealed partial class AtModem(string id, string device, ModemOptions options, ModemLinkOpener open, IModemEvents events, TimeProvider clock, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PromptTimeout = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _commands = new(1, 1);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<(string Header, string? Pdu)> _unsolicited = Channel.CreateUnbounded<(string, string?)>(new() { SingleReader = true });
    private readonly Queue<DateTimeOffset> _recentParts = new();
    private Stream? _stream;
    private PendingCommand? _pending;
    private TaskCompletionSource<string> _fault = NewFault();
    private Task _run = Task.CompletedTask;
    private Task _unsolicitedLoop = Task.CompletedTask;
    private volatile bool _up;
    private volatile string _state = "starting";
    private long _errors;
    private int _inFlight;

    public string Id => id;

    public string Device => device;

    public bool Up => _up;

    public string State => _state;

    /// <summary>The last AT+CSQ answer in dBm; null before the first or when the modem does not know.</summary>
    public int? SignalDbm { get; private set; }

    public long Errors => Interlocked.Read(ref _errors);

    public string? LastError { get; private set; }

    public DateTimeOffset? LastErrorAt { get; private set; }

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Start()
    {
        _run = Task.Run(() => RunAsync(_stop.Token));
        _unsolicitedLoop = Task.Run(() => UnsolicitedLoopAsync(_stop.Token));
    }

    /// <summary>Takes room for <paramref name="parts"/> in this minute's allowance, or says how long until there is some.</summary>
    public bool TryReserve(int parts, out TimeSpan wait)
    {
        wait = TimeSpan.Zero;
        if (options.MaxPerMinute == 0)
        {
            return true;
        }

        lock (_recentParts)
        {
            var now = clock.GetUtcNow();
            while (_recentParts.Count > 0 && now - _recentParts.Peek() >= TimeSpan.FromMinutes(1))
            {
                _recentParts.Dequeue();
            }

            // A message longer than the whole allowance goes out alone in a fresh minute rather than never.
            if (_recentParts.Count + parts <= options.MaxPerMinute || _recentParts.Count == 0)
            {
                for (var i = 0; i < parts; i++)
                {
                    _recentParts.Enqueue(now);
                }

                return true;
            }

            var freed = _recentParts.Count + parts - options.MaxPerMinute;
            wait = _recentParts.ElementAt(Math.Min(freed, _recentParts.Count) - 1) + TimeSpan.FromMinutes(1) - now;
            return false;
        }
    }

    /// <summary>Sends the parts in order; stops at the first refusal. A part sent but not answered makes the whole message Unknown.</summary>
    /// <param name="sent">Called with each part's TP-MR as soon as the modem gives it.</param>
    public async Task<ModemSendResult> SendAsync(IReadOnlyList<SubmitPart> parts, Action<byte> sent, CancellationToken cancellationToken)
    {
        var references = new List<byte>(parts.Count);
        var raw = new StringBuilder();
        Interlocked.Increment(ref _inFlight);
        try
        {
            foreach (var part in parts)
            {
                var (response, written) = await SendPduAsync(part, cancellationToken);
                if (response is null)
                {
                    var timeout = written
                        ? $"no answer to AT+CMGS within {options.ResponseTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s"
                        : "no > prompt after AT+CMGS";
                    raw.Append(timeout);
                    Failed(timeout);
                    return new(written || references.Count > 0 ? ChannelOutcome.Unknown : ChannelOutcome.TryLater, references, raw.ToString());
                }

                raw.Append(string.Join(' ', response.Lines.Append(response.Final))).Append("; ");
                if (!response.Ok)
                {
                    Failed(response.Final);
                    if (AtErrors.IsSimFault(response.Final))
                    {
                        _fault.TrySetResult(response.Final);
                    }

                    // Parts already sent cannot be taken back: never resent, the receipt says failed once theirs are in.
                    return new(references.Count > 0 ? ChannelOutcome.Unknown : AtErrors.Classify(response.Final), references, raw.ToString().TrimEnd(' ', ';'));
                }

                var mr = response.Lines.Select(ParseReference).FirstOrDefault(r => r is not null);
                if (mr is null)
                {
                    LogNoReference(logger, id, string.Join('|', response.Lines));
                }

                references.Add(mr ?? 0);
                if (mr is { } reference)
                {
                    sent(reference);
                }
            }

            return new(ChannelOutcome.Accepted, references, raw.ToString().TrimEnd(' ', ';'));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Close();
        try
        {
            await Task.WhenAll(_run, _unsolicitedLoop).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception exception) when (exception is OperationCanceledException or TimeoutException)
        {
            // Stopping: what did not end in time ends with the process.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var permanent = false;
            try
            {
                permanent = await SessionAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or TimeoutException or InvalidOperationException or ArgumentException)
            {
                GoDown(exception is TimeoutException ? "no answer" : "port: " + exception.Message);
            }
            finally
            {
                Close();
            }

            try
            {
                await Task.Delay(permanent ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(options.ReconnectSeconds), clock, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <returns>True when the modem must stay down (a refused PIN).</returns>
    private async Task<bool> SessionAsync(CancellationToken stop)
    {
        Progress("opening");
        var link = open(device, options.BaudRate);
        await using var _ = link;
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stop);
        lock (_gate)
        {
            _stream = link.Stream;
            _fault = NewFault();
        }

        var reader = Task.Run(() => ReadLoopAsync(link.Stream, session.Token), CancellationToken.None);
        try
        {
            var (problem, permanent) = await InitialiseAsync(stop);
            if (problem is not null)
            {
                GoDown(problem);
                return permanent;
            }

            _up = true;
            _state = "ready";
            LogUp(logger, id, device, SignalDbm);
            var fault = _fault.Task;
            while (true)
            {
                var tick = Task.Delay(TimeSpan.FromSeconds(options.SignalCheckSeconds), clock, stop);
                var first = await Task.WhenAny(reader, fault, tick);
                stop.ThrowIfCancellationRequested();
                if (first == reader)
                {
                    GoDown("port closed");
                    return false;
                }

                if (first == fault)
                {
                    GoDown(AtErrors.SimProblem(await fault));
                    return false;
                }

                await CheckSignalAsync(stop);
            }
        }
        finally
        {
            await session.CancelAsync();
            Close();
            await Task.WhenAny(reader, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
        }
    }

    private async Task<(string? Problem, bool Permanent)> InitialiseAsync(CancellationToken stop)
    {
        Progress("initialising");
        // A modem left in a PDU prompt by a crash takes an ESC first; AT may need a second try to sync.
        await WriteAsync("\u001b", stop);
        await Task.Delay(TimeSpan.FromMilliseconds(100), clock, stop);
        AtResponse? hello = null;
        for (var i = 0; i < 3 && hello?.Ok != true; i++)
        {
            try
            {
                hello = await CommandAsync("AT", TimeSpan.FromSeconds(2), stop);
            }
            catch (TimeoutException) when (i < 2)
            {
                // Try again.
            }
        }

        if (hello?.Ok != true)
        {
            return ("no answer to AT", false);
        }

        await CommandAsync("ATE0", CommandTimeout, stop);
        await CommandAsync("AT+CMEE=1", CommandTimeout, stop);
        var sim = await SimAsync(stop);
        if (sim.Problem is not null)
        {
            return sim;
        }

        if (!(await CommandAsync("AT+CMGF=0", CommandTimeout, stop)).Ok)
        {
            return ("PDU mode not supported", false);
        }

        // Phase 2 SMS: +CMT and +CDS need no +CNMA acknowledgement.
        await CommandAsync("AT+CSMS=0", CommandTimeout, stop);
        // Messages stored and indicated (+CMTI), status reports routed (+CDS): a message survives a crash on the SIM.
        if (!(await CommandAsync("AT+CNMI=2,1,0,1,0", CommandTimeout, stop)).Ok &&
            !(await CommandAsync("AT+CNMI=1,1,0,1,0", CommandTimeout, stop)).Ok)
        {
            LogNoIndications(logger, id);
        }

        await CheckSignalAsync(stop);
        // Messages that arrived while nobody listened.
        var stored = await CommandAsync("AT+CMGL=4", CommandTimeout, stop);
        foreach (var line in stored.Lines.Where(l => l.StartsWith("+CMGL:", StringComparison.Ordinal)))
        {
            var index = line[6..].Split(',')[0].Trim();
            _unsolicited.Writer.TryWrite(($"+CMTI: \"SM\",{index}", null));
        }

        return (null, false);
    }

    private async Task<(string? Problem, bool Permanent)> SimAsync(CancellationToken stop)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var answer = await CommandAsync("AT+CPIN?", CommandTimeout, stop);
            if (!answer.Ok)
            {
                return (AtErrors.SimProblem(answer.Final), false);
            }

            var state = answer.Lines.FirstOrDefault(l => l.StartsWith("+CPIN:", StringComparison.Ordinal))?[6..].Trim().Trim('"') ?? "";
            switch (state)
            {
                case "READY":
                    return (null, false);
                case "SIM PIN" when attempt == 0 && options.Pin is { } pin:
                    var entered = await CommandAsync($"AT+CPIN=\"{pin}\"", CommandTimeout, stop);
                    if (!entered.Ok)
                    {
                        return ("SIM PIN rejected (" + entered.Final + "); not tried again", true);
                    }

                    break;
                case "SIM PIN" when options.Pin is null:
                    return ("SIM PIN required (set Pin)", false);
                case "SIM PIN":
                    break;
                default:
                    return (state.Length > 0 ? state + " required" : "SIM state unknown", state.Contains("PUK", StringComparison.Ordinal));
            }

            // A SIM takes a moment to be ready after its PIN.
            await Task.Delay(TimeSpan.FromMilliseconds(500), clock, stop);
        }

        return ("SIM not ready after PIN", false);
    }

    private async Task CheckSignalAsync(CancellationToken stop)
    {
        var answer = await CommandAsync("AT+CSQ", CommandTimeout, stop);
        var line = answer.Lines.FirstOrDefault(l => l.StartsWith("+CSQ:", StringComparison.Ordinal));
        if (line is not null && int.TryParse(line[5..].Split(',')[0].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var rssi))
        {
            SignalDbm = rssi is >= 0 and <= 31 ? -113 + (2 * rssi) : null;
        }
    }

    private async Task<AtResponse> CommandAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _commands.WaitAsync(cancellationToken);
        var pending = new PendingCommand();
        try
        {
            lock (_gate)
            {
                _pending = pending;
            }

            await WriteAsync(command + "\r", cancellationToken);
            return await pending.Done.Task.WaitAsync(timeout, clock, cancellationToken);
        }
        finally
        {
            Forget(pending);
            _commands.Release();
        }
    }

    /// <returns>The answer (null when none came) and whether the PDU left for the modem.</returns>
    private async Task<(AtResponse? Response, bool Written)> SendPduAsync(SubmitPart part, CancellationToken cancellationToken)
    {
        await _commands.WaitAsync(cancellationToken);
        var pending = new PendingCommand();
        try
        {
            if (!_up)
            {
                return (new AtResponse("ERROR", ["modem down: " + _state]), false);
            }

            lock (_gate)
            {
                _pending = pending;
            }

            await WriteAsync($"AT+CMGS={part.TpduLength.ToString(CultureInfo.InvariantCulture)}\r", cancellationToken);
            try
            {
                await Task.WhenAny(pending.Prompt.Task, pending.Done.Task).WaitAsync(PromptTimeout, clock, cancellationToken);
            }
            catch (TimeoutException)
            {
                await WriteAsync("\u001b", CancellationToken.None);
                return (null, false);
            }

            if (pending.Done.Task.IsCompleted)
            {
                return (await pending.Done.Task, false);
            }

            await WriteAsync(part.Hex + "\u001a", cancellationToken);
            try
            {
                return (await pending.Done.Task.WaitAsync(TimeSpan.FromSeconds(options.ResponseTimeoutSeconds), clock, cancellationToken), true);
            }
            catch (TimeoutException)
            {
                return (null, true);
            }
        }
        catch (IOException exception)
        {
            return (new AtResponse("ERROR", ["port: " + exception.Message]), false);
        }
        finally
        {
            Forget(pending);
            _commands.Release();
        }
    }

    private void Forget(PendingCommand pending)
    {
        lock (_gate)
        {
            if (_pending == pending)
            {
                _pending = null;
            }
        }
    }

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        var stream = _stream ?? throw new IOException("The port is not open.");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(text), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    private async Task ReadLoopAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        var line = new StringBuilder();
        string? header = null;
        try
        {
            while (true)
            {
                var count = await stream.ReadAsync(buffer, cancellationToken);
                if (count == 0)
                {
                    return;
                }

                for (var i = 0; i < count; i++)
                {
                    var c = (char)buffer[i];
                    if (c is '\r' or '\n')
                    {
                        if (line.Length > 0)
                        {
                            header = OnLine(line.ToString(), header);
                            line.Clear();
                        }
                    }
                    else if (line.Length < 2048)
                    {
                        // Anything longer than the longest PDU line is garbage; the cap keeps it from growing.
                        line.Append(c);
                    }
                }

                if (line.Length is > 0 and <= 2 && line[0] == '>')
                {
                    line.Clear();
                    lock (_gate)
                    {
                        _pending?.Prompt.TrySetResult();
                    }
                }
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The port closed; the session notices the reader ended.
        }
    }

    /// <returns>The header of an unsolicited result whose PDU is the next line, or null.</returns>
    private string? OnLine(string line, string? header)
    {
        if (header is not null)
        {
            _unsolicited.Writer.TryWrite((header, line.Trim()));
            return null;
        }

        if (line.StartsWith("+CMT:", StringComparison.Ordinal) || line.StartsWith("+CDS:", StringComparison.Ordinal))
        {
            return line;
        }

        if (line.StartsWith("+CMTI:", StringComparison.Ordinal) || line.StartsWith("+CDSI:", StringComparison.Ordinal))
        {
            _unsolicited.Writer.TryWrite((line, null));
            return null;
        }

        lock (_gate)
        {
            if (_pending is not { } pending)
            {
                return null;
            }

            if (line is "OK" or "ERROR" or "NO CARRIER" || line.StartsWith("+CMS ERROR", StringComparison.Ordinal) || line.StartsWith("+CME ERROR", StringComparison.Ordinal))
            {
                _pending = null;
                pending.Done.TrySetResult(new AtResponse(line.Trim(), pending.Lines));
            }
            else
            {
                pending.Lines.Add(line);
            }
        }

        return null;
    }

    private async Task UnsolicitedLoopAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var (header, pdu) in _unsolicited.Reader.ReadAllAsync(stop))
            {
                try
                {
                    await HandleUnsolicitedAsync(header, pdu, stop);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    // A bad PDU or a failed event handler costs that one message, never the modem.
                    LogUnsolicitedFailed(logger, id, header, exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task HandleUnsolicitedAsync(string header, string? pdu, CancellationToken stop)
    {
        if (pdu is not null)
        {
            await DispatchAsync(SmsPdu.Decode(pdu, LastNumber(header)), header + " " + pdu, stop);
            return;
        }

        // +CMTI: "SM",3 or +CDSI: "SR",3: read it, hand it on, then delete it (kept on the SIM if handing on fails).
        var index = header[(header.LastIndexOf(',') + 1)..].Trim();
        if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException("No index in " + header);
        }

        var read = await CommandAsync("AT+CMGR=" + index, CommandTimeout, stop);
        var at = read.Lines.ToList().FindIndex(l => l.StartsWith("+CMGR:", StringComparison.Ordinal));
        if (!read.Ok || at < 0 || at + 1 >= read.Lines.Count)
        {
            throw new FormatException($"AT+CMGR={index} answered {read.Final}");
        }

        var stored = read.Lines[at + 1].Trim();
        await DispatchAsync(SmsPdu.Decode(stored, LastNumber(read.Lines[at])), read.Lines[at] + " " + stored, stop);
        await CommandAsync("AT+CMGD=" + index, CommandTimeout, stop);
    }

    private async Task DispatchAsync(object decoded, string raw, CancellationToken stop)
    {
        switch (decoded)
        {
            case StatusReportPdu report:
                await events.StatusReportAsync(this, report, raw, stop);
                break;
            case DeliverPdu message:
                await events.DeliverAsync(this, message, raw, stop);
                break;
        }
    }

    private static int? LastNumber(string header) =>
        int.TryParse(header[(Math.Max(header.LastIndexOf(','), header.IndexOf(':', StringComparison.Ordinal)) + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static byte? ParseReference(string line) =>
        line.StartsWith("+CMGS:", StringComparison.Ordinal) &&
        int.TryParse(line[6..].Split(',')[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var mr) && mr is >= 0 and <= 255
            ? (byte)mr
            : null;

    /// <summary>A modem that went down keeps showing why while it tries again.</summary>
    private void Progress(string state)
    {
        if (LastError is null || _up)
        {
            _state = state;
        }
    }

    private void GoDown(string reason)
    {
        var wasUp = _up;
        _up = false;
        _state = reason;
        Failed(reason);
        if (wasUp || reason != LastError)
        {
            LogDown(logger, id, device, reason);
        }
    }

    private void Failed(string error)
    {
        Interlocked.Increment(ref _errors);
        LastError = error;
        LastErrorAt = clock.GetUtcNow();
    }

    private void Close()
    {
        Stream? stream;
        lock (_gate)
        {
            stream = _stream;
            _stream = null;
            _pending?.Done.TrySetResult(new AtResponse("ERROR", ["port closed"]));
            _pending = null;
        }

        try
        {
            stream?.Dispose();
        }
        catch (IOException)
        {
            // Closing anyway.
        }
    }

    private static TaskCompletionSource<string> NewFault() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class PendingCommand
    {
        public List<string> Lines { get; } = [];

        public TaskCompletionSource<AtResponse> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Prompt { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Modem {Modem} on {Device} is up, signal {SignalDbm} dBm")]
    private static partial void LogUp(ILogger logger, string modem, string device, int? signalDbm);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modem {Modem} on {Device} is down: {Reason}")]
    private static partial void LogDown(ILogger logger, string modem, string device, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modem {Modem} accepts no AT+CNMI: no status reports or new-message indications")]
    private static partial void LogNoIndications(ILogger logger, string modem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modem {Modem} answered AT+CMGS without a message reference: {Lines}")]
    private static partial void LogNoReference(ILogger logger, string modem, string lines);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modem {Modem}: could not handle {Header}")]
    private static partial void LogUnsolicitedFailed(ILogger logger, string modem, string header, Exception exception);
}
