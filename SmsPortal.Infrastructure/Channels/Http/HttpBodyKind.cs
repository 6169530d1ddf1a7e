namespace SmsPortal.Infrastructure.Channels.Http;

internal enum HttpBodyKind
{
    Form,
    Json,
    Query,
}
