using SmsPortal.Infrastructure.Networking;

namespace SmsPortal.Infrastructure.Channels.Http;

/// <summary>What to answer the provider.</summary>
internal sealed record HttpCallbackResult(int Status, string Body);
