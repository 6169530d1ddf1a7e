using System.Net.Http.Headers;
using System.Web;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Http;

/// <summary>How far one request got: connecting, connected, body being written.</summary>
internal sealed class SendProgress
{
    public static readonly HttpRequestOptionsKey<SendProgress> Key = new("SmsPortal.HttpChannel.Progress");

    private int _connecting;
    private int _connected;
    private int _bodyStarted;

    public bool Connecting => Volatile.Read(ref _connecting) == 1;

    public bool Connected => Volatile.Read(ref _connected) == 1;

    public bool BodyStarted => Volatile.Read(ref _bodyStarted) == 1;

    public void MarkConnecting() => Volatile.Write(ref _connecting, 1);

    public void MarkConnected() => Volatile.Write(ref _connected, 1);

    /// <returns>False when the body was written before: the handler is trying the request again.</returns>
    public bool MarkBodyStarted() => Interlocked.Exchange(ref _bodyStarted, 1) == 0;
}
