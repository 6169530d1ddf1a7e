namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

public sealed class DeliverSmPdu() : ShortMessagePdu(SmppCommand.DeliverSm);
