using System.Net;
using System.Net.Http.Headers;
using System.Web;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Http;

/// <summary>
/// A body that notes when it starts to be written, and refuses to be written twice: SocketsHttpHandler may resend a
/// request on a new connection when a reused one closed under it, which for an SMS would be a second message.
/// </summary>
internal sealed class TrackedContent : HttpContent
{
    private readonly byte[] _bytes;
    private readonly SendProgress _progress;

    public TrackedContent(byte[] bytes, string mediaType, string charset, SendProgress progress)
    {
        _bytes = bytes;
        _progress = progress;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = charset };
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (!_progress.MarkBodyStarted())
        {
            throw new IOException("The body was already sent once; not sending the message again.");
        }

        await stream.WriteAsync(_bytes, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _bytes.Length;
        return true;
    }
}
