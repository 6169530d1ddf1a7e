using System.Buffers.Binary;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

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
