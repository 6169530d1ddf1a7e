namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>
/// One optional parameter (tag, length, value), kept as the raw value bytes so that a TLV the codec does not know
/// travels through unchanged. Typed access is on <see cref="SmppPdu"/> (GetByte, GetUInt16, GetCString).
/// </summary>
public readonly record struct SmppTlv(ushort Tag, byte[] Value);
