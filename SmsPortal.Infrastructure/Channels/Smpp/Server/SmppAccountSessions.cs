namespace SmsPortal.Infrastructure.Channels.Smpp.Server;

/// <summary>One account's binds on this node, for the admin page.</summary>
public sealed record SmppAccountSessions(int AccountId, string ApiId, int Transmitters, int Receivers, int Transceivers);
