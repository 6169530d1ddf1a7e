using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>
/// One incoming message part as read from a deliver_sm, data_sm or submit_sm: addresses, coding, concatenation
/// (from a UDH or the sar_* TLVs) and the content without the UDH (septets when GSM-7, else octets), so parts can be
/// joined before decoding and a character split across parts by the sender comes out whole.
/// </summary>
public sealed record SmsIncomingPart(string Source, string Destination, byte DataCoding, SmsConcatenation? Concatenation, byte[] Content)
{
    /// <summary>Reads a submit_sm or deliver_sm; message_payload wins over short_message when present.</summary>
    public static SmsIncomingPart From(ShortMessagePdu pdu, bool gsm7Packed = false)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        var payload = pdu.GetTlv(SmppTlvTag.MessagePayload)?.Value;
        return Read(pdu, pdu.SourceAddress, pdu.DestinationAddress, pdu.DataCoding, pdu.EsmClass, payload ?? pdu.ShortMessage, gsm7Packed);
    }

    /// <summary>Reads a data_sm (its text is in message_payload).</summary>
    public static SmsIncomingPart From(DataSmPdu pdu, bool gsm7Packed = false)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        var payload = pdu.GetTlv(SmppTlvTag.MessagePayload)?.Value ?? [];
        return Read(pdu, pdu.SourceAddress, pdu.DestinationAddress, pdu.DataCoding, pdu.EsmClass, payload, gsm7Packed);
    }

    private static SmsIncomingPart Read(SmppPdu pdu, string source, string destination, byte dataCoding, byte esmClass, byte[] message, bool packed)
    {
        SmsConcatenation? concatenation = null;
        var body = message.AsSpan();
        var fill = 0;
        if ((esmClass & ShortMessagePdu.EsmUdhIndicator) != 0 && body.Length > 0 && body[0] + 1 <= body.Length)
        {
            var udh = body[1..(body[0] + 1)];
            concatenation = FromUdh(udh);
            fill = (7 - (udh.Length + 1) * 8 % 7) % 7;
            body = body[(udh.Length + 1)..];
        }
        if (concatenation is null
            && pdu.GetUInt16(SmppTlvTag.SarMsgRefNum) is { } reference
            && pdu.GetByte(SmppTlvTag.SarTotalSegments) is { } total
            && pdu.GetByte(SmppTlvTag.SarSegmentSeqnum) is { } sequence)
        {
            concatenation = new SmsConcatenation(reference, total, sequence);
        }
        if (concatenation is { } c && (c.Total < 1 || c.Sequence < 1 || c.Sequence > c.Total))
        {
            concatenation = null;
        }
        var content = SmsText.AlphabetOf(dataCoding) == SmsAlphabet.Gsm7 && packed
            ? Gsm7.Unpack(body, fill)
            : body.ToArray();
        return new SmsIncomingPart(source, destination, dataCoding, concatenation, content);
    }

    private static SmsConcatenation? FromUdh(ReadOnlySpan<byte> udh)
    {
        var i = 0;
        while (i + 2 <= udh.Length)
        {
            var iei = udh[i];
            var length = udh[i + 1];
            if (i + 2 + length > udh.Length)
            {
                return null;
            }
            var data = udh.Slice(i + 2, length);
            if (iei == 0x00 && length == 3)
            {
                return new SmsConcatenation(data[0], data[1], data[2]);
            }
            if (iei == 0x08 && length == 4)
            {
                return new SmsConcatenation((data[0] << 8) | data[1], data[2], data[3]);
            }
            i += 2 + length;
        }
        return null;
    }

    /// <summary>The text of this part alone (content is already unpacked).</summary>
    public string Text => SmsText.Decode(DataCoding, Content);
}
