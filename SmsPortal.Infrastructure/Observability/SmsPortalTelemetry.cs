using System.Collections.Frozen;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmsPortal.Domain.Pushes;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Channels.Smpp.Server;
using SmsPortal.Infrastructure.Dispatch;
using SmsPortal.Infrastructure.Pushes;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Infrastructure.Observability;

/// <summary>
/// What the platform tells a metrics scraper and a trace collector (decision 0033): one meter and one activity source.
/// Counters and histograms are recorded where the pipeline already is (no query, no allocation but the tags); queue
/// depths, channels, SMPP sessions, jobs and health are observed only when a scrape asks, from what is kept anyway.
/// Every name here is what /metrics shows, dots become underscores (counters end in _total, seconds in _seconds).
/// </summary>
public sealed class SmsPortalTelemetry : IDisposable
{
    public const string MeterName = "SmsPortal";

    /// <summary>The activity source of the message's steps (accept, dispatch, channel submit, receipt, push).</summary>
    public const string SourceName = "SmsPortal";

    /// <summary>Buckets of the latency histograms, in seconds: from a fast SMSC (milliseconds) to a slow receipt (an hour).</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

    /// <summary>Static, as activity sources are: one name, listened to by whichever tracer provider asks for it.</summary>
    internal static readonly ActivitySource Source = new(SourceName);

    private static readonly string[] Doors = ["vendor_api", "rest_api", "console", "smpp", "platform_notice"];

    private static readonly FrozenDictionary<ResultCode, string> Codes =
        Enum.GetValues<ResultCode>().Distinct().ToFrozenDictionary(c => c, c => ((int)c).ToString(CultureInfo.InvariantCulture));

    private readonly Meter _meter;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _dispatched;
    private readonly Histogram<double> _acceptToSubmit;
    private readonly Counter<long> _receipts;
    private readonly Histogram<double> _acceptToReceipt;
    private readonly Counter<long> _pushes;
    private readonly Counter<long> _smppBinds;

    public SmsPortalTelemetry(IMeterFactory meters, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _accepted = _meter.CreateCounter<long>("smsportal.submissions.accepted", "{submission}", "Submissions accepted (code 2), by door");
        _refused = _meter.CreateCounter<long>("smsportal.submissions.refused", "{submission}", "Submissions refused, by door and vendor result code (busy: the writer's queue was full)");
        _dispatched = _meter.CreateCounter<long>("smsportal.dispatch.results", "{message}", "What became of a message handed to its channels: submitted, retry or failed, by channel");
        _acceptToSubmit = _meter.CreateHistogram("smsportal.accept_to_submit.duration", "s", "From acceptance to the channel taking the message, by channel", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _receipts = _meter.CreateCounter<long>("smsportal.receipts", "{receipt}", "Delivery receipts applied, by final status (delivered, failed)");
        _acceptToReceipt = _meter.CreateHistogram("smsportal.accept_to_receipt.duration", "s", "From acceptance to the delivery receipt, by final status", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _pushes = _meter.CreateCounter<long>("smsportal.pushes", "{push}", "Push attempts to customers, by kind and outcome (delivered, retry, gave_up)");
        _smppBinds = _meter.CreateCounter<long>("smsportal.smpp.binds", "{bind}", "Binds to the SMPP server, by outcome (bound, refused)");

        var writer = new Lazy<SubmissionWriter?>(services.GetService<SubmissionWriter>);
        var dispatcher = new Lazy<Dispatcher?>(services.GetService<Dispatcher>);
        var receipts = new Lazy<ReceiptProcessor?>(services.GetService<ReceiptProcessor>);
        var outbox = new Lazy<PushOutbox?>(services.GetService<PushOutbox>);
        var depths = new Lazy<QueueDepths?>(services.GetService<QueueDepths>);
        var channels = new Lazy<ChannelRegistry?>(services.GetService<ChannelRegistry>);
        var smpp = new Lazy<SmppServerStatus?>(services.GetService<SmppServerStatus>);
        var jobs = new Lazy<HangfireJobStates?>(services.GetService<HangfireJobStates>);
        var health = new Lazy<HealthStates?>(services.GetService<HealthStates>);

        _meter.CreateObservableGauge("smsportal.queue.acceptance", () => writer.Value?.Waiting ?? 0, "{submission}", "Submissions waiting for the acceptance writer on this node");
        _meter.CreateObservableGauge("smsportal.queue.outbox", () => depths.Value?.Read().Outbox ?? 0, "{message}", "Messages accepted and not yet taken by a channel (all nodes; read at most every few seconds)");
        _meter.CreateObservableGauge("smsportal.queue.dispatch", () => dispatcher.Value?.InFlight ?? 0, "{message}", "Messages this node's dispatcher holds: at a channel or waiting for their answer to be stored");
        _meter.CreateObservableGauge("smsportal.queue.receipts", () => receipts.Value?.Waiting ?? 0, "{receipt}", "Receipts waiting to be stored on this node");
        _meter.CreateObservableGauge("smsportal.queue.push_outbox", () => depths.Value?.Read().Pushes ?? 0, "{push}", "Pushes to customers not yet acknowledged nor given up (all nodes; read at most every few seconds)");
        _meter.CreateObservableGauge("smsportal.queue.push_ready", () => outbox.Value?.ReadyCount ?? 0, "{push}", "Pushes handed to this node's push pump and not yet sent");

        _meter.CreateObservableGauge("smsportal.channel.up", () => Each(channels.Value, s => s.Up ? 1 : 0), "1", "1 when the channel takes messages now, 0 when it is down");
        _meter.CreateObservableGauge("smsportal.channel.state", () => States(channels.Value), "1", "1 for the channel's current state (bound, connecting, circuit open, ...)");
        _meter.CreateObservableGauge("smsportal.channel.window.in_use", () => Each(channels.Value, s => s.WindowInUse), "{submit}", "Submits sent and not yet answered, per channel");
        _meter.CreateObservableGauge("smsportal.channel.window.size", () => Each(channels.Value, s => s.WindowSize), "{submit}", "The most submits a channel may have outstanding (0: no window)");

        _meter.CreateObservableGauge("smsportal.smpp.sessions", () => smpp.Value?.Sessions().Sum(s => s.Transmitters + s.Receivers + s.Transceivers) ?? 0, "{session}", "Customer binds open on this node's SMPP server");
        _meter.CreateObservableGauge("smsportal.smpp.connections", () => smpp.Value?.OpenConnections ?? 0, "{connection}", "Connections open on this node's SMPP server, bound or not");

        _meter.CreateObservableGauge("smsportal.jobs", () => jobs.Value?.Read() ?? [], "{job}", "Background jobs by state (enqueued, scheduled, processing, failed) and job servers (servers)");
        _meter.CreateObservableGauge("smsportal.health", () => health.Value?.Read() ?? [], "1", "Each health check's last result: 2 healthy, 1 degraded, 0 unhealthy");
    }

    /// <summary>Pulls a door's name out of the enum without formatting it.</summary>
    public static string DoorName(SubmissionDoor door) => (uint)door < (uint)Doors.Length ? Doors[(int)door] : "other";

    /// <summary>A result code as its number, without formatting it each time.</summary>
    public static string CodeText(ResultCode code) => Codes.TryGetValue(code, out var text) ? text : ((int)code).ToString(CultureInfo.InvariantCulture);

    /// <summary>What a door's submission came to.</summary>
    public void Submitted(SubmissionDoor door, ResultCode code)
    {
        if (code == ResultCode.Accepted)
        {
            _accepted.Add(1, new KeyValuePair<string, object?>("door", DoorName(door)));
        }
        else
        {
            _refused.Add(1, new KeyValuePair<string, object?>("door", DoorName(door)), new KeyValuePair<string, object?>("code", CodeText(code)));
        }
    }

    /// <summary>A submission refused because the writer's queue was full (the door answers "too busy").</summary>
    public void Busy(SubmissionDoor door) =>
        _refused.Add(1, new KeyValuePair<string, object?>("door", DoorName(door)), new KeyValuePair<string, object?>("code", "busy"));

    /// <summary>A channel took the message (or may have it): the time since it was accepted.</summary>
    public void ChannelTook(string channel, DateTimeOffset acceptedAt, DateTimeOffset now)
    {
        var tag = new KeyValuePair<string, object?>("channel", channel);
        _dispatched.Add(1, tag, new KeyValuePair<string, object?>("result", "submitted"));
        _acceptToSubmit.Record(Math.Max(0, (now - acceptedAt).TotalSeconds), tag);
    }

    /// <summary>Dispatch gave up on the message for now (retry) or for good (failed).</summary>
    public void NotTaken(string? channel, bool retry) =>
        _dispatched.Add(1, new KeyValuePair<string, object?>("channel", channel ?? "none"), new KeyValuePair<string, object?>("result", retry ? "retry" : "failed"));

    /// <summary>A receipt settled the message: delivered or failed, the time since it was accepted.</summary>
    public void Receipted(MessageStatus status, DateTimeOffset acceptedAt, DateTimeOffset now)
    {
        var tag = new KeyValuePair<string, object?>("status", status == MessageStatus.Delivered ? "delivered" : "failed");
        _receipts.Add(1, tag);
        _acceptToReceipt.Record(Math.Max(0, (now - acceptedAt).TotalSeconds), tag);
    }

    public void Pushed(PushKind kind, PushState outcome) =>
        _pushes.Add(
            1,
            new KeyValuePair<string, object?>("kind", kind switch { PushKind.Receipt => "receipt", PushKind.Reply => "reply", _ => "review" }),
            new KeyValuePair<string, object?>("outcome", outcome switch { PushState.Delivered => "delivered", PushState.Pending => "retry", _ => "gave_up" }));

    public void SmppBind(bool bound) => _smppBinds.Add(1, new KeyValuePair<string, object?>("outcome", bound ? "bound" : "refused"));

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<int>> Each(ChannelRegistry? registry, Func<ChannelStatus, int> value) =>
        registry is null ? [] : registry.Channels.Select(c => new Measurement<int>(value(c.Status), new KeyValuePair<string, object?>("channel", c.Name))).ToList();

    private static IEnumerable<Measurement<int>> States(ChannelRegistry? registry) =>
        registry is null
            ? []
            : registry.Channels.Select(c => new Measurement<int>(1, new KeyValuePair<string, object?>("channel", c.Name), new KeyValuePair<string, object?>("state", c.Status.State))).ToList();

    /// <summary>A health status as the gauge shows it.</summary>
    internal static int Level(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => 2,
        HealthStatus.Degraded => 1,
        _ => 0,
    };
}
