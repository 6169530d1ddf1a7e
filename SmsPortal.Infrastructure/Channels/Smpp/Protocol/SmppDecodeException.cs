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
