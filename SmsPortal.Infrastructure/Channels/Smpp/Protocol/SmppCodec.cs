using System.Buffers.Binary;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>
/// SMPP 3.4 encoding and decoding of whole PDUs. Decoding is strict (lengths, NUL terminators, field maxima, TLV
/// lengths) and fails only with <see cref="SmppDecodeException"/>; encoding throws <see cref="ArgumentException"/>
/// for a PDU that breaks the spec, which is a bug on our side.
/// </summary>
public static class SmppCodec
{
    /// <summary>The largest PDU accepted unless a session says otherwise: room for a 64 KiB message_payload.</summary>
    public const int DefaultMaxLength = 64 * 1024 + 1024;

    public static byte[] Encode(SmppPdu pdu)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        var writer = new SmppWriter();
        writer.UInt32(0);
        writer.UInt32((uint)pdu.Command);
        writer.UInt32(pdu.Status);
        writer.UInt32(pdu.Sequence);
        if (pdu.HasBody)
        {
            var before = writer.Length;
            pdu.WriteBody(writer);
            if (writer.Length == before && pdu.Tlvs.Count > 0)
            {
                throw new ArgumentException($"{pdu}: TLVs need the mandatory body (it is absent).");
            }
            foreach (var tlv in pdu.Tlvs)
            {
                if (tlv.Value.Length > ushort.MaxValue)
                {
                    throw new ArgumentException($"TLV 0x{tlv.Tag:X4} has {tlv.Value.Length} octets; at most 65535 fit.");
                }
                writer.UInt16(tlv.Tag);
                writer.UInt16((ushort)tlv.Value.Length);
                writer.Octets(tlv.Value);
            }
        }
        else if (pdu.Tlvs.Count > 0)
        {
            throw new ArgumentException($"{pdu}: this PDU carries no TLVs.");
        }
        var octets = writer.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(octets, (uint)octets.Length);
        return octets;
    }

    /// <summary>Checks a header's command_length before the rest is read: a failure here means the framing is lost.</summary>
    public static string? CheckLength(uint length, int maxLength = DefaultMaxLength) =>
        length < SmppHeader.Size ? $"command_length {length} is below the 16-octet header"
        : length > maxLength ? $"command_length {length} exceeds the {maxLength}-octet maximum"
        : null;

    /// <summary>Decodes one whole PDU (its command_length must equal the span's length).</summary>
    public static SmppPdu Decode(ReadOnlySpan<byte> octets, int maxLength = DefaultMaxLength)
    {
        if (octets.Length < SmppHeader.Size)
        {
            throw new SmppDecodeException(SmppStatus.InvalidCommandLength, $"{octets.Length} octets are fewer than the 16-octet header");
        }
        var header = SmppHeader.Read(octets);
        if (CheckLength(header.Length, maxLength) is { } problem)
        {
            throw new SmppDecodeException(SmppStatus.InvalidCommandLength, problem, header.CommandId, header.Sequence);
        }
        if (header.Length != octets.Length)
        {
            throw new SmppDecodeException(SmppStatus.InvalidCommandLength,
                $"command_length {header.Length} does not match the {octets.Length} octets of the PDU", header.CommandId, header.Sequence);
        }
        var pdu = SmppPdu.Create(header.CommandId)
            ?? throw new SmppDecodeException(SmppStatus.InvalidCommandId, $"unknown command_id 0x{header.CommandId:X8}", header.CommandId, header.Sequence);
        pdu.Status = header.Status;
        pdu.Sequence = header.Sequence;
        var reader = new SmppReader(octets[SmppHeader.Size..], header);
        if (!pdu.HasBody)
        {
            if (reader.Remaining > 0)
            {
                throw reader.Error(SmppStatus.InvalidCommandLength, $"{SmppCommands.Name(header.CommandId)} has no body but {reader.Remaining} octets follow the header");
            }
            return pdu;
        }
        pdu.ReadBody(ref reader);
        while (reader.Remaining > 0)
        {
            pdu.Tlvs.Add(reader.Tlv());
        }
        return pdu;
    }
}
