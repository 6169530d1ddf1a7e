namespace SmsPortal.Infrastructure.Channels.Modem;

/// <summary>One modem of a pool as the status page shows it.</summary>
internal sealed record ModemState(string Id, string Device, bool Up, string State, int? SignalDbm, long Errors, string? LastError);
