using System.Buffers.Binary;
using System.Text;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>
/// An SMPP 3.4 PDU: the 16-octet header (command_id, command_status, sequence_number), the mandatory body of its
/// type and its TLVs in the order they came. <see cref="SmppCodec"/> turns it into octets and back; every type
/// round-trips byte for byte (unknown TLVs included).
/// <para>
/// C-octet strings are held as .NET strings of Latin-1 characters (one char per octet, so any octet but NUL
/// survives); a null string on a response means "body absent", which the spec allows on error responses.
/// </para>
/// </summary>
public abstract class SmppPdu
{
    protected SmppPdu(SmppCommand command) => Command = command;

    public SmppCommand Command { get; }

    public uint Status { get; set; }

    public uint Sequence { get; set; }

    /// <summary>TLVs after the mandatory body, in wire order. Header-only PDUs carry none.</summary>
    public List<SmppTlv> Tlvs { get; } = [];

    public bool IsResponse => SmppCommands.IsResponse((uint)Command);

    /// <summary>Header-only PDUs (enquire_link, unbind, their responses, generic_nack) have no body and no TLVs.</summary>
    internal virtual bool HasBody => true;

    internal abstract void WriteBody(SmppWriter writer);

    internal abstract void ReadBody(ref SmppReader reader);

    /// <summary>The response to this request with the same sequence number (message_id empty, bodies absent on errors).</summary>
    public SmppPdu CreateResponse(uint status = SmppStatus.Ok)
    {
        if (IsResponse)
        {
            throw new InvalidOperationException($"{SmppCommands.Name((uint)Command)} is a response.");
        }
        SmppPdu response = Command switch
        {
            SmppCommand.BindTransmitter or SmppCommand.BindReceiver or SmppCommand.BindTransceiver
                => new BindRespPdu(SmppCommands.ResponseOf(Command)),
            SmppCommand.SubmitSm or SmppCommand.DeliverSm or SmppCommand.DataSm
                => new MessageIdRespPdu(SmppCommands.ResponseOf(Command)) { MessageId = status == SmppStatus.Ok ? "" : null },
            SmppCommand.QuerySm => new QuerySmRespPdu(),
            _ => new EmptyPdu(SmppCommands.ResponseOf(Command)),
        };
        response.Status = status;
        response.Sequence = Sequence;
        return response;
    }

    /// <summary>A new, empty PDU of a known command id; null when the codec does not know it.</summary>
    public static SmppPdu? Create(uint commandId) => (SmppCommand)commandId switch
    {
        SmppCommand.BindTransmitter or SmppCommand.BindReceiver or SmppCommand.BindTransceiver => new BindPdu((SmppCommand)commandId),
        SmppCommand.BindTransmitterResp or SmppCommand.BindReceiverResp or SmppCommand.BindTransceiverResp => new BindRespPdu((SmppCommand)commandId),
        SmppCommand.SubmitSm => new SubmitSmPdu(),
        SmppCommand.DeliverSm => new DeliverSmPdu(),
        SmppCommand.DataSm => new DataSmPdu(),
        SmppCommand.SubmitSmResp or SmppCommand.DeliverSmResp or SmppCommand.DataSmResp => new MessageIdRespPdu((SmppCommand)commandId),
        SmppCommand.QuerySm => new QuerySmPdu(),
        SmppCommand.QuerySmResp => new QuerySmRespPdu(),
        SmppCommand.EnquireLink or SmppCommand.EnquireLinkResp or SmppCommand.Unbind or SmppCommand.UnbindResp or SmppCommand.GenericNack
            => new EmptyPdu((SmppCommand)commandId),
        _ => null,
    };

    public SmppTlv? GetTlv(ushort tag)
    {
        foreach (var tlv in Tlvs)
        {
            if (tlv.Tag == tag)
            {
                return tlv;
            }
        }
        return null;
    }

    public byte? GetByte(ushort tag) => GetTlv(tag) is { Value.Length: 1 } tlv ? tlv.Value[0] : null;

    public ushort? GetUInt16(ushort tag) => GetTlv(tag) is { Value.Length: 2 } tlv ? BinaryPrimitives.ReadUInt16BigEndian(tlv.Value) : null;

    /// <summary>A C-octet-string TLV, tolerant of a missing NUL (some SMSCs omit it in receipted_message_id).</summary>
    public string? GetCString(ushort tag)
    {
        if (GetTlv(tag) is not { } tlv)
        {
            return null;
        }
        var end = Array.IndexOf(tlv.Value, (byte)0);
        return Encoding.Latin1.GetString(tlv.Value, 0, end < 0 ? tlv.Value.Length : end);
    }

    /// <summary>Replaces the TLV with this tag (keeping its place) or appends it.</summary>
    public void SetTlv(ushort tag, byte[] value)
    {
        for (var i = 0; i < Tlvs.Count; i++)
        {
            if (Tlvs[i].Tag == tag)
            {
                Tlvs[i] = new SmppTlv(tag, value);
                return;
            }
        }
        Tlvs.Add(new SmppTlv(tag, value));
    }

    public void SetByte(ushort tag, byte value) => SetTlv(tag, [value]);

    public void SetUInt16(ushort tag, ushort value) => SetTlv(tag, [(byte)(value >> 8), (byte)value]);

    public void SetCString(ushort tag, string value) => SetTlv(tag, [.. Encoding.Latin1.GetBytes(value), 0]);

    public override string ToString() =>
        $"{SmppCommands.Name((uint)Command)} seq={Sequence} status={SmppStatus.Name(Status)}";
}
