using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Infrastructure.Channels.Smpp.Server;

/// <summary>Who a connection is bound as.</summary>
public sealed record SmppBinding(int AccountId, string ApiId, SmppBindKind Kind)
{
    public bool CanSubmit => Kind != SmppBindKind.Receiver;

    public bool CanReceive => Kind != SmppBindKind.Transmitter;
}
