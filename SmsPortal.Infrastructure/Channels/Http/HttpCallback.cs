using SmsPortal.Infrastructure.Networking;

namespace SmsPortal.Infrastructure.Channels.Http;

/// <summary>A callback as it arrived: its fields (query and body), the token in the query, the signature header, the body bytes, the caller's address.</summary>
internal sealed record HttpCallback(IReadOnlyDictionary<string, string> Fields, string? Token, string? Signature, byte[] Body, System.Net.IPAddress? Caller);
