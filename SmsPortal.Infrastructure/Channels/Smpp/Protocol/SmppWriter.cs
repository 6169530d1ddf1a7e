using System.Buffers.Binary;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

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
