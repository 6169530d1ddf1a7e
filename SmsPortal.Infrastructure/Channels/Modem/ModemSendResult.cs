namespace SmsPortal.Infrastructure.Channels.Modem;

/// <summary>What became of the parts of one message on one modem.</summary>
/// <param name="References">The TP-MR the modem gave each part it sent, in order.</param>
internal sealed record ModemSendResult(ChannelOutcome Outcome, IReadOnlyList<byte> References, string Raw);
