using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Infrastructure.Channels.Smpp.Server;

public enum SmppBindKind
{
    Transmitter,
    Receiver,
    Transceiver,
}
