using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;

namespace SmsPortal.Infrastructure.Observability;

/// <summary>
/// One trace per message across jobs and nodes: its trace id is derived from the message id, so the acceptance
/// writer, the dispatcher, the receipt processor and the push pump (possibly on different nodes, minutes apart) each
/// start their step in the same trace without passing anything along. Every step is a span at the top of that trace.
/// Nothing is computed unless a tracer listens.
/// </summary>
public static class MessageTrace
{
    /// <summary>The message's trace id: the first 16 bytes of SHA-256("smsportal-message:" + id, big-endian).</summary>
    public static ActivityTraceId TraceIdOf(long messageId)
    {
        Span<byte> input = stackalloc byte[26];
        "smsportal-message:"u8.CopyTo(input);
        BinaryPrimitives.WriteInt64BigEndian(input[18..], messageId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return ActivityTraceId.CreateFromBytes(hash[..16]);
    }

    /// <summary>Starts one step of the message's trace; null (and nothing computed) when no tracer listens.</summary>
    public static Activity? Start(string name, long messageId, ActivityKind kind = ActivityKind.Internal, DateTimeOffset startTime = default, ActivityContext link = default)
    {
        var source = SmsPortalTelemetry.Source;
        if (!source.HasListeners())
        {
            return null;
        }

        var parent = new ActivityContext(TraceIdOf(messageId), default, ActivityTraceFlags.Recorded);
        var activity = source.StartActivity(name, kind, parent, links: link == default ? null : [new ActivityLink(link)], startTime: startTime);
        activity?.SetTag("sms.message_id", messageId);
        return activity;
    }
}
