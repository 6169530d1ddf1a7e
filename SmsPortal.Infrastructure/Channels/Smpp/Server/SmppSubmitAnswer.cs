using SmsPortal.Infrastructure.Channels.Smpp.Protocol;

namespace SmsPortal.Infrastructure.Channels.Smpp.Server;

/// <summary>The answer to a submit: an SMPP status and, when accepted, the message id given to the client.</summary>
internal readonly record struct SmppSubmitAnswer(uint Status, string? MessageId);
