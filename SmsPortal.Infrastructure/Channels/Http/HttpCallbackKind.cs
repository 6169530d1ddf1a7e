using SmsPortal.Infrastructure.Networking;

namespace SmsPortal.Infrastructure.Channels.Http;

internal enum HttpCallbackKind
{
    Receipt,
    Reply,
}
