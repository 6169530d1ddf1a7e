using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using SmsPortal.Infrastructure.Observability;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Observability;

/// <summary>One message, one trace: its steps, done by different loops of the portal, share the trace id its id gives.</summary>
[Collection(MetricsCollection.Name)]
public sealed class TracesTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private readonly PushReceiver _receiver = new();

    // Written by the SDK's simple export processor, which exports one span at a time under its own lock.
    private readonly List<Activity> _exported = [];

    public Task InitializeAsync()
    {
        // Tracing as an installer switches it on (an OTLP endpoint; nobody listens there), plus an exporter the test reads.
        _portal.Settings["Telemetry:Otlp:Endpoint"] = "http://127.0.0.1:9";
        _portal.Settings["Channels:Simulator:ReceiptDelayMilliseconds"] = "50";
        _portal.TestServices = services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_exported));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task AcceptanceDispatchChannelReceiptAndPushOfOneMessageShareOneTrace()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 10, verified: true, paid: true);
        await TestAccounts.SetAsync(_portal, account.Id, a => a.ReceiptPushUrl = _receiver.Url);

        var answer = await new VendorClient(_portal.CreateClient()).SubmitAsync(account.ApiId, account.ApiKey, "13910005000", "1234", "1");
        Assert.Equal(2, answer.Code);
        var message = await _portal.MessageWhenAsync(answer.SmsId!, _ => true);
        var traceId = MessageTrace.TraceIdOf(message.Id);

        Activity[] spans = [];
        await Eventually.HoldsAsync(
            () => (spans = [.. _exported.ToArray().Where(a => a.TraceId == traceId)]).Any(a => a.DisplayName == "sms push"),
            TimeSpan.FromSeconds(30),
            () => "every step is exported: " + string.Join(", ", spans.Select(s => s.DisplayName)));

        var accept = Assert.Single(spans, s => s.DisplayName == "sms accept");
        var dispatch = Assert.Single(spans, s => s.DisplayName == "sms dispatch");
        var submit = Assert.Single(spans, s => s.DisplayName == "sms channel submit");
        var receipt = Assert.Single(spans, s => s.DisplayName == "sms receipt");
        Assert.Single(spans, s => s.DisplayName == "sms push");
        Assert.All(spans, s => Assert.Equal(message.Id, s.GetTagItem("sms.message_id") ?? message.Id));

        Assert.Equal("vendor_api", accept.GetTagItem("sms.door"));
        Assert.Equal(default, accept.ParentSpanId);
        Assert.Equal(dispatch.SpanId, submit.ParentSpanId);
        Assert.Equal("Submitted", dispatch.GetTagItem("sms.status"));
        Assert.Equal("Delivered", receipt.GetTagItem("sms.status"));
        Assert.True(accept.StartTimeUtc <= dispatch.StartTimeUtc && dispatch.StartTimeUtc <= receipt.StartTimeUtc);

        // The acceptance links to the HTTP request that brought the message, itself exported in its own trace.
        var link = Assert.Single(accept.Links);
        Assert.Contains(_exported.ToArray(), a => a.Kind == ActivityKind.Server && a.TraceId == link.Context.TraceId && a.SpanId == link.Context.SpanId);
    }

    [Fact]
    public void AMessagesTraceIdDependsOnItsIdAlone()
    {
        Assert.Equal(MessageTrace.TraceIdOf(42), MessageTrace.TraceIdOf(42));
        Assert.NotEqual(MessageTrace.TraceIdOf(42), MessageTrace.TraceIdOf(43));
        Assert.NotEqual(default, MessageTrace.TraceIdOf(1));
    }
}
