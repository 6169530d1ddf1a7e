using System.Buffers.Binary;
using System.Text;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

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
