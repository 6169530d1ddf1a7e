using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SmsPortal.Infrastructure.Channels.Modem;

/// <summary>
/// A pool of GSM modems as one channel: submits go round robin to the modems that are up and within their
/// per-minute allowance; a modem whose SIM fails is down with the reason while the others go on.
/// <para>
/// The upstream id is "&lt;modem&gt;:&lt;TP-MR of the first part&gt;:&lt;unix ms of the submit&gt;": unique although TP-MR
/// wraps at 256. Status reports are matched by modem, TP-MR and recipient to the part they report on. A message is
/// delivered when every part's report says delivered; the first part reported failed fails it at once (later
/// reports are ignored); reports that say the centre is still trying are not final and wait. The matching table is
/// in memory: reports that arrive after a restart find nothing and are logged, and those messages expire.
/// </para>
/// </summary>
internal sealed partial class ModemChannel : ISmsChannel, IModemEvents
{
    private static readonly TimeSpan PartialReplyTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan TrackedFor = TimeSpan.FromDays(3);

    private readonly ModemOptions _options;
    private readonly IUpstreamEvents _events;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly List<AtModem> _modems;
    private readonly ConcurrentDictionary<(string Modem, byte Reference, string Recipient), TrackedMessage> _tracked = new();
    private readonly ConcurrentDictionary<(string Modem, string From, int Reference, int Total), PartialReply> _partials = new();
    private readonly Queue<DateTimeOffset> _recent = new();
    private int _next = -1;
    private int _concatReference = Random.Shared.Next(256);
    private long _submits;

    internal ModemChannel(string name, ModemOptions options, IUpstreamEvents events, TimeProvider clock, ILoggerFactory loggers, ModemLinkOpener? open = null)
    {
        Name = name;
        _options = options;
        _events = events;
        _clock = clock;
        _logger = loggers.CreateLogger<ModemChannel>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        _modems = [.. options.Ports.Select((device, i) =>
        {
            var id = Path.GetFileName(device);
            if (id.Length == 0 || !ids.Add(id))
            {
                id = (i + 1).ToString(CultureInfo.InvariantCulture) + "-" + id;
                ids.Add(id);
            }

            return new AtModem(id, device, options, open ?? SerialModemLink.Open, this, clock, loggers.CreateLogger<AtModem>());
        })];
    }

    public string Name { get; }

    public IReadOnlyList<ModemState> Modems => [.. _modems.Select(m => new ModemState(m.Id, m.Device, m.Up, m.State, m.SignalDbm, m.Errors, m.LastError))];

    /// <summary>"2/3 up; ttyUSB0 -71 dBm, ttyUSB1 -85 dBm, ttyUSB2: SIM not inserted".</summary>
    public ChannelStatus Status
    {
        get
        {
            var up = _modems.Count(m => m.Up);
            var details = string.Join(", ", _modems.Select(m => m.Up
                ? m.Id + (m.SignalDbm is { } dbm ? " " + dbm.ToString(CultureInfo.InvariantCulture) + " dBm" : " signal unknown")
                : m.Id + ": " + m.State));
            var state = string.Create(CultureInfo.InvariantCulture, $"{up}/{_modems.Count} up; {details}");
            var last = _modems.Where(m => m.LastErrorAt is not null).MaxBy(m => m.LastErrorAt);
            return new ChannelStatus(up > 0, state, _modems.Sum(m => m.InFlight), _modems.Count, PerSecond(), _modems.Sum(m => m.Errors),
                last is null ? null : last.Id + ": " + last.LastError);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var modem in _modems)
        {
            modem.Start();
        }

        return Task.CompletedTask;
    }

    public async Task<ChannelAnswer> SubmitAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        IReadOnlyList<SubmitPart> parts;
        try
        {
            var reference = (byte)Interlocked.Increment(ref _concatReference);
            parts = SmsPdu.EncodeSubmit(message.Mobile, message.Text, reference, _options.StatusReports,
                _options.ValidityMinutes == 0 ? null : _options.ValidityMinutes, _options.SmscNumber);
        }
        catch (ArgumentException exception)
        {
            return new ChannelAnswer(ChannelOutcome.Rejected, null, exception.Message);
        }

        if (parts.Count > 255)
        {
            return new ChannelAnswer(ChannelOutcome.Rejected, null, "longer than 255 parts");
        }

        var recipient = SmsPdu.MatchKey(SmsPdu.Destination(message.Mobile).Digits);
        var deadline = _clock.GetUtcNow() + TimeSpan.FromSeconds(30);
        var refusals = new List<string>();
        var tried = new HashSet<AtModem>();
        while (true)
        {
            var (modem, wait) = Pick(parts.Count, tried);
            if (modem is null)
            {
                if (wait is null || _clock.GetUtcNow() + wait.Value > deadline)
                {
                    var why = refusals.Count > 0 ? string.Join("; ", refusals)
                        : wait is null ? "no modem up: " + Status.State : "every modem at its limit of " + _options.MaxPerMinute.ToString(CultureInfo.InvariantCulture) + " a minute";
                    return new ChannelAnswer(ChannelOutcome.TryLater, null, why);
                }

                await Task.Delay(wait.Value, _clock, cancellationToken);
                continue;
            }

            tried.Add(modem);
            // Each part is tracked as soon as the modem numbers it: its report can come before the next part is sent.
            TrackedMessage? tracked = null;
            var result = await modem.SendAsync(parts, reference =>
            {
                tracked ??= new TrackedMessage(
                    string.Create(CultureInfo.InvariantCulture, $"{modem.Id}:{reference}:{_clock.GetUtcNow().ToUnixTimeMilliseconds()}"), parts.Count, _clock.GetUtcNow());
                Track(modem, recipient, reference, tracked);
            }, cancellationToken);
            lock (_recent)
            {
                _recent.Enqueue(_clock.GetUtcNow());
            }

            if (result.Outcome == ChannelOutcome.TryLater && result.References.Count == 0)
            {
                // Nothing left this modem: the next one may do better.
                refusals.Add(modem.Id + ": " + result.Raw);
                continue;
            }

            if (tracked is null)
            {
                return new ChannelAnswer(result.Outcome, null, modem.Id + ": " + result.Raw);
            }

            if (result.References.Count < parts.Count)
            {
                NeverSent(tracked, parts.Count - result.References.Count);
            }

            return new ChannelAnswer(result.Outcome, tracked.UpstreamId, modem.Id + ": " + result.Raw);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var modem in _modems)
        {
            await modem.DisposeAsync();
        }
    }

    private (AtModem? Modem, TimeSpan? Wait) Pick(int parts, HashSet<AtModem> tried)
    {
        TimeSpan? shortest = null;
        var start = Interlocked.Increment(ref _next);
        for (var i = 0; i < _modems.Count; i++)
        {
            var modem = _modems[(int)((uint)(start + i) % (uint)_modems.Count)];
            if (!modem.Up || tried.Contains(modem))
            {
                continue;
            }

            if (modem.TryReserve(parts, out var wait))
            {
                return (modem, null);
            }

            shortest = shortest is null || wait < shortest ? wait : shortest;
        }

        return (null, shortest);
    }

    private void Track(AtModem modem, string recipient, byte reference, TrackedMessage tracked)
    {
        if (!_options.StatusReports)
        {
            return;
        }

        // A reference reused after wrapping replaces the old entry: its report, if any, is long overdue.
        _tracked[(modem.Id, reference, recipient)] = tracked;
        if (Interlocked.Increment(ref _submits) % 256 == 0)
        {
            var old = _clock.GetUtcNow() - TrackedFor;
            foreach (var entry in _tracked.Where(e => e.Value.Submitted < old))
            {
                _tracked.TryRemove(entry);
            }
        }
    }

    /// <summary>Parts that never left: the message cannot arrive whole, so it fails once the sent parts' reports are in.</summary>
    private void NeverSent(TrackedMessage tracked, int missing)
    {
        bool fire;
        lock (tracked)
        {
            tracked.Complete = false;
            tracked.Remaining -= missing;
            fire = _options.StatusReports && tracked.Remaining <= 0 && !tracked.Finished;
            tracked.Finished |= fire;
        }

        if (fire)
        {
            // After the answer: the pipeline stores the upstream id first.
            _ = Task.Run(() => ReportAsync(tracked, delivered: false));
        }
    }

    private async Task ReportAsync(TrackedMessage tracked, bool delivered)
    {
        try
        {
            await _events.ReceiptAsync(Name, tracked.UpstreamId, delivered, tracked.Reports.ToString().TrimEnd(), CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogReceiptFailed(_logger, tracked.UpstreamId, exception);
        }
    }

    async Task IModemEvents.StatusReportAsync(AtModem modem, StatusReportPdu report, string raw, CancellationToken cancellationToken)
    {
        if (!report.IsFinal)
        {
            LogNotFinal(_logger, modem.Id, report.Reference, report.Status);
            return;
        }

        var key = (modem.Id, report.Reference, SmsPdu.MatchKey(report.Recipient));
        if (!_tracked.TryRemove(key, out var tracked))
        {
            LogUnmatchedReport(_logger, modem.Id, report.Reference);
            return;
        }

        bool? outcome;
        lock (tracked)
        {
            tracked.Reports.Append(raw).Append('\n');
            outcome = tracked.Finished ? null
                : !report.Delivered ? false
                : --tracked.Remaining == 0 ? tracked.Complete
                : null;
            if (outcome is not null)
            {
                tracked.Finished = true;
            }
        }

        if (outcome is { } delivered)
        {
            await _events.ReceiptAsync(Name, tracked.UpstreamId, delivered, tracked.Reports.ToString().TrimEnd(), cancellationToken);
        }
    }

    async Task IModemEvents.DeliverAsync(AtModem modem, DeliverPdu message, string raw, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        foreach (var stale in _partials.Where(p => now - p.Value.Parts.Started > PartialReplyTimeout))
        {
            // A part that never came: the reply is better incomplete than lost.
            if (_partials.TryRemove(stale))
            {
                await ReplyAsync(stale.Key.Modem, stale.Key.From, stale.Value, cancellationToken);
            }
        }

        if (message.Concatenation is not { Total: > 1 } concatenation)
        {
            await _events.ReplyAsync(Name, new InboundReply(message.From, modem.Id, message.Text, now, raw), cancellationToken);
            return;
        }

        var key = (modem.Id, message.From, concatenation.Reference, concatenation.Total);
        var partial = _partials.GetOrAdd(key, _ => new PartialReply(concatenation.Total, now));
        bool complete;
        lock (partial)
        {
            partial.Parts.Add(concatenation.Sequence, (message.Text, raw));
            complete = partial.Parts.IsComplete;
        }

        if (complete && _partials.TryRemove(KeyValuePair.Create(key, partial)))
        {
            await ReplyAsync(modem.Id, message.From, partial, cancellationToken);
        }
    }

    private Task ReplyAsync(string modem, string from, PartialReply partial, CancellationToken cancellationToken)
    {
        string text, raws;
        lock (partial)
        {
            text = partial.Parts.Join(parts => string.Concat(parts.Select(p => p.Text)));
            raws = string.Join('\n', partial.Parts.Present().Select(p => p.Raw));
        }

        return _events.ReplyAsync(Name, new InboundReply(from, modem, text, _clock.GetUtcNow(), raws), cancellationToken);
    }

    private double PerSecond()
    {
        lock (_recent)
        {
            var since = _clock.GetUtcNow() - TimeSpan.FromSeconds(10);
            while (_recent.Count > 0 && _recent.Peek() < since)
            {
                _recent.Dequeue();
            }

            return _recent.Count / 10.0;
        }
    }

    private sealed class TrackedMessage(string upstreamId, int parts, DateTimeOffset submitted)
    {
        public string UpstreamId { get; } = upstreamId;

        /// <summary>False when a later part was never sent: the message cannot be delivered whole.</summary>
        public bool Complete { get; set; } = true;

        public DateTimeOffset Submitted { get; } = submitted;

        public int Remaining { get; set; } = parts;

        public bool Finished { get; set; }

        public StringBuilder Reports { get; } = new();
    }

    private sealed class PartialReply(int total, DateTimeOffset started)
    {
        public LongMessageParts<(string Text, string Raw)> Parts { get; } = new(total, started);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The receipt of {UpstreamId} could not be reported")]
    private static partial void LogReceiptFailed(ILogger logger, string upstreamId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Modem {Modem}: report for {Reference} not final (status 0x{Status:X2})")]
    private static partial void LogNotFinal(ILogger logger, string modem, byte reference, byte status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Modem {Modem}: a status report for reference {Reference} matches no message")]
    private static partial void LogUnmatchedReport(ILogger logger, string modem, byte reference);
}
