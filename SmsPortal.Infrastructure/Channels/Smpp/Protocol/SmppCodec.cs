using System.Buffers.Binary;
using System.Text;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>
/// A PDU the codec cannot read. <see cref="Status"/> is what to answer (ESME_RINVCMDLEN, ESME_RINVCMDID,
/// ESME_RINVSRCADR, ...); <see cref="CommandId"/> and <see cref="Sequence"/> are set when the header was readable,
/// so a session can answer with the right response or a generic_nack that carries the sequence number.
/// </summary>
public sealed class SmppDecodeException(uint status, string message, uint? commandId = null, uint? sequence = null) : Exception(message)
{
    public uint Status { get; } = status;

    public uint? CommandId { get; } = commandId;

    public uint? Sequence { get; } = sequence;
}

/// <summary>The 16-octet header of every PDU.</summary>
public readonly record struct SmppHeader(uint Length, uint CommandId, uint Status, uint Sequence)
{
    public const int Size = 16;

    public static SmppHeader Read(ReadOnlySpan<byte> octets) => new(
        BinaryPrimitives.ReadUInt32BigEndian(octets),
        BinaryPrimitives.ReadUInt32BigEndian(octets[4..]),
        BinaryPrimitives.ReadUInt32BigEndian(octets[8..]),
        BinaryPrimitives.ReadUInt32BigEndian(octets[12..]));
}

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

/// <summary>Reads a PDU body; every failure names the field and carries the status to answer.</summary>
internal ref struct SmppReader(ReadOnlySpan<byte> body, SmppHeader header)
{
    private readonly ReadOnlySpan<byte> _body = body;
    private int _position;

    public readonly int Remaining => _body.Length - _position;

    public readonly SmppDecodeException Error(uint status, string message) =>
        new(status, $"{SmppCommands.Name(header.CommandId)}: {message}", header.CommandId, header.Sequence);

    public byte Byte(string field)
    {
        if (Remaining < 1)
        {
            throw Error(SmppStatus.InvalidCommandLength, $"the PDU ends before {field}");
        }
        return _body[_position++];
    }

    public byte[] Octets(int count)
    {
        var value = _body.Slice(_position, count).ToArray();
        _position += count;
        return value;
    }

    /// <summary>A C-octet string of at most <paramref name="max"/> octets, NUL included.</summary>
    public string CString(int max, string field, uint status)
    {
        if (Remaining < 1)
        {
            throw Error(SmppStatus.InvalidCommandLength, $"the PDU ends before {field}");
        }
        var window = _body.Slice(_position, Math.Min(max, Remaining));
        var end = window.IndexOf((byte)0);
        if (end < 0)
        {
            throw Error(status, window.Length == max
                ? $"{field} has no NUL within its {max} octets"
                : $"{field} runs to the end of the PDU without a NUL");
        }
        var value = Encoding.Latin1.GetString(window[..end]);
        _position += end + 1;
        return value;
    }

    public SmppTlv Tlv()
    {
        if (Remaining < 4)
        {
            throw Error(SmppStatus.InvalidTlvStream, $"{Remaining} octets after the body are too few for a TLV header");
        }
        var tag = BinaryPrimitives.ReadUInt16BigEndian(_body[_position..]);
        var length = BinaryPrimitives.ReadUInt16BigEndian(_body[(_position + 2)..]);
        _position += 4;
        if (length > Remaining)
        {
            throw Error(SmppStatus.InvalidTlvStream, $"TLV 0x{tag:X4} length {length} exceeds the {Remaining} octets left");
        }
        if (SmppTlvTag.FixedLength(tag) is { } fixedLength && length != fixedLength)
        {
            throw Error(SmppStatus.InvalidTlvLength, $"TLV 0x{tag:X4} has length {length}, expected {fixedLength}");
        }
        if (SmppTlvTag.MaxLength(tag) is { } maxLength && length > maxLength)
        {
            throw Error(SmppStatus.InvalidTlvLength, $"TLV 0x{tag:X4} has length {length}, at most {maxLength}");
        }
        return new SmppTlv(tag, Octets(length));
    }
}

/// <summary>Writes a PDU; C-octet strings are checked against their maxima (a violation is our bug).</summary>
internal sealed class SmppWriter
{
    private byte[] _buffer = new byte[256];

    public int Length { get; private set; }

    private Span<byte> Take(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }
        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }

    public void Byte(byte value) => Take(1)[0] = value;

    public void UInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Take(2), value);

    public void UInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Take(4), value);

    public void Octets(ReadOnlySpan<byte> value) => value.CopyTo(Take(value.Length));

    public void CString(string value, int max, string field)
    {
        if (value.Length + 1 > max)
        {
            throw new ArgumentException($"{field} '{value}' is longer than {max - 1} characters.");
        }
        var target = Take(value.Length + 1);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '\0' or > '\u00FF')
            {
                throw new ArgumentException($"{field} contains a character that cannot be sent (U+{(int)c:X4}).");
            }
            target[i] = (byte)c;
        }
        target[value.Length] = 0;
    }

    public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();
}
