namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>enquire_link, unbind, their responses and generic_nack: a header and nothing else.</summary>
public sealed class EmptyPdu(SmppCommand command) : SmppPdu(command)
{
    internal override bool HasBody => false;

    internal override void WriteBody(SmppWriter writer)
    {
    }

    internal override void ReadBody(ref SmppReader reader)
    {
    }
}
