using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>One PDU's worth of a text: what goes in data_coding, esm_class, short_message and the TLVs.</summary>
/// <param name="EsmClassFlags">To OR into esm_class (0x40 when the short message starts with a UDH).</param>
/// <param name="Sar">The sar_* values when split with TLVs.</param>
/// <param name="Payload">The whole encoded text for message_payload (short_message is then empty).</param>
public sealed record SmsPart(byte DataCoding, byte EsmClassFlags, byte[] ShortMessage, SmsConcatenation? Sar, byte[]? Payload)
{
    /// <summary>Sets data_coding, esm_class, short_message and the sar / message_payload TLVs on a submit_sm or deliver_sm.</summary>
    public void ApplyTo(ShortMessagePdu pdu)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        pdu.DataCoding = DataCoding;
        pdu.EsmClass |= EsmClassFlags;
        pdu.ShortMessage = ShortMessage;
        if (Sar is { } sar)
        {
            pdu.SetUInt16(SmppTlvTag.SarMsgRefNum, (ushort)sar.Reference);
            pdu.SetByte(SmppTlvTag.SarTotalSegments, (byte)sar.Total);
            pdu.SetByte(SmppTlvTag.SarSegmentSeqnum, (byte)sar.Sequence);
        }
        if (Payload is not null)
        {
            pdu.SetTlv(SmppTlvTag.MessagePayload, Payload);
        }
    }
}
