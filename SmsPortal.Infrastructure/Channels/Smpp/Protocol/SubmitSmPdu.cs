namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

public sealed class SubmitSmPdu() : ShortMessagePdu(SmppCommand.SubmitSm);
