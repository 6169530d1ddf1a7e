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

/// <summary>enquire_link, unbind, their responses and generic_nack: a header and nothing else.</summary>
public sealed class EmptyPdu(SmppCommand command) : SmppPdu(command)
{
    internal override bool HasBody => false;

    internal override void WriteBody(SmppWriter writer)
    {
    }

    internal override void ReadBody(ref SmppReader reader)
    {
    }
}

/// <summary>bind_transmitter, bind_receiver, bind_transceiver (section 4.1.1).</summary>
public sealed class BindPdu(SmppCommand command) : SmppPdu(SmppCommands.IsBind(command) ? command : throw new ArgumentException("Not a bind command.", nameof(command)))
{
    /// <summary>The longest system_id and password read (NUL included); writing keeps the spec's 16 and 9.</summary>
    public const int LongCredentialOctets = 65;

    public string SystemId { get; set; } = "";

    public string Password { get; set; } = "";

    public string SystemType { get; set; } = "";

    /// <summary>0x34 for SMPP 3.4.</summary>
    public byte InterfaceVersion { get; set; } = 0x34;

    public byte AddressTon { get; set; }

    public byte AddressNpi { get; set; }

    public string AddressRange { get; set; } = "";

    internal override void WriteBody(SmppWriter writer)
    {
        writer.CString(SystemId, 16, "system_id");
        writer.CString(Password, 9, "password");
        writer.CString(SystemType, 13, "system_type");
        writer.Byte(InterfaceVersion);
        writer.Byte(AddressTon);
        writer.Byte(AddressNpi);
        writer.CString(AddressRange, 41, "address_range");
    }

    internal override void ReadBody(ref SmppReader reader)
    {
        // Read more than the spec's 16 and 9 octets: API IDs and keys are longer, and Kannel and node-smpp send them whole.
        SystemId = reader.CString(LongCredentialOctets, "system_id", SmppStatus.InvalidSystemId);
        Password = reader.CString(LongCredentialOctets, "password", SmppStatus.InvalidPassword);
        SystemType = reader.CString(13, "system_type", SmppStatus.InvalidSystemType);
        InterfaceVersion = reader.Byte("interface_version");
        AddressTon = reader.Byte("addr_ton");
        AddressNpi = reader.Byte("addr_npi");
        AddressRange = reader.CString(41, "address_range", SmppStatus.BindFailed);
    }
}

/// <summary>The three bind responses: system_id (absent on an error) and TLVs such as sc_interface_version.</summary>
public sealed class BindRespPdu(SmppCommand command) : SmppPdu(command)
{
    /// <summary>Null when the body is absent (allowed when the bind failed).</summary>
    public string? SystemId { get; set; }

    internal override void WriteBody(SmppWriter writer)
    {
        if (SystemId is not null)
        {
            writer.CString(SystemId, 16, "system_id");
        }
    }

    internal override void ReadBody(ref SmppReader reader)
    {
        SystemId = reader.Remaining == 0 ? null : reader.CString(16, "system_id", SmppStatus.InvalidSystemId);
    }
}

/// <summary>submit_sm and deliver_sm share one layout (sections 4.4.1 and 4.6.1).</summary>
public abstract class ShortMessagePdu(SmppCommand command) : SmppPdu(command)
{
    /// <summary>esm_class bit: short_message starts with a user data header.</summary>
    public const byte EsmUdhIndicator = 0x40;

    /// <summary>esm_class message type bits (0x3C) for an SMSC delivery receipt.</summary>
    public const byte EsmDeliveryReceipt = 0x04;

    public string ServiceType { get; set; } = "";

    public byte SourceTon { get; set; }

    public byte SourceNpi { get; set; }

    public string SourceAddress { get; set; } = "";

    public byte DestinationTon { get; set; }

    public byte DestinationNpi { get; set; }

    public string DestinationAddress { get; set; } = "";

    public byte EsmClass { get; set; }

    public byte ProtocolId { get; set; }

    public byte PriorityFlag { get; set; }

    public string ScheduleDeliveryTime { get; set; } = "";

    public string ValidityPeriod { get; set; } = "";

    public byte RegisteredDelivery { get; set; }

    public byte ReplaceIfPresent { get; set; }

    public byte DataCoding { get; set; }

    public byte DefaultMessageId { get; set; }

    /// <summary>At most 254 octets (sm_length is one octet and 255 is reserved); longer text goes in message_payload.</summary>
    public byte[] ShortMessage { get; set; } = [];

    /// <summary>True when esm_class marks this as a delivery receipt (SMSC delivery receipt or intermediate notification).</summary>
    public bool IsDeliveryReceipt => (EsmClass & 0x3C) is 0x04 or 0x20;

    internal override void WriteBody(SmppWriter writer)
    {
        writer.CString(ServiceType, 6, "service_type");
        writer.Byte(SourceTon);
        writer.Byte(SourceNpi);
        writer.CString(SourceAddress, 21, "source_addr");
        writer.Byte(DestinationTon);
        writer.Byte(DestinationNpi);
        writer.CString(DestinationAddress, 21, "destination_addr");
        writer.Byte(EsmClass);
        writer.Byte(ProtocolId);
        writer.Byte(PriorityFlag);
        writer.CString(ScheduleDeliveryTime, 17, "schedule_delivery_time");
        writer.CString(ValidityPeriod, 17, "validity_period");
        writer.Byte(RegisteredDelivery);
        writer.Byte(ReplaceIfPresent);
        writer.Byte(DataCoding);
        writer.Byte(DefaultMessageId);
        if (ShortMessage.Length > 254)
        {
            throw new ArgumentException($"short_message has {ShortMessage.Length} octets; at most 254 fit (use message_payload).");
        }
        writer.Byte((byte)ShortMessage.Length);
        writer.Octets(ShortMessage);
    }

    internal override void ReadBody(ref SmppReader reader)
    {
        ServiceType = reader.CString(6, "service_type", SmppStatus.InvalidServiceType);
        SourceTon = reader.Byte("source_addr_ton");
        SourceNpi = reader.Byte("source_addr_npi");
        SourceAddress = reader.CString(21, "source_addr", SmppStatus.InvalidSourceAddress);
        DestinationTon = reader.Byte("dest_addr_ton");
        DestinationNpi = reader.Byte("dest_addr_npi");
        DestinationAddress = reader.CString(21, "destination_addr", SmppStatus.InvalidDestinationAddress);
        EsmClass = reader.Byte("esm_class");
        ProtocolId = reader.Byte("protocol_id");
        PriorityFlag = reader.Byte("priority_flag");
        ScheduleDeliveryTime = reader.CString(17, "schedule_delivery_time", SmppStatus.InvalidScheduledTime);
        ValidityPeriod = reader.CString(17, "validity_period", SmppStatus.InvalidExpiry);
        RegisteredDelivery = reader.Byte("registered_delivery");
        ReplaceIfPresent = reader.Byte("replace_if_present_flag");
        DataCoding = reader.Byte("data_coding");
        DefaultMessageId = reader.Byte("sm_default_msg_id");
        var length = reader.Byte("sm_length");
        if (length > 254)
        {
            throw reader.Error(SmppStatus.InvalidMessageLength, $"sm_length {length} is reserved (at most 254)");
        }
        if (length > reader.Remaining)
        {
            throw reader.Error(SmppStatus.InvalidMessageLength, $"sm_length {length} exceeds the {reader.Remaining} octets left in the PDU");
        }
        ShortMessage = reader.Octets(length);
    }
}

public sealed class SubmitSmPdu() : ShortMessagePdu(SmppCommand.SubmitSm);

public sealed class DeliverSmPdu() : ShortMessagePdu(SmppCommand.DeliverSm);

/// <summary>data_sm (section 4.7.1): addresses and flags only; the text travels in message_payload.</summary>
public sealed class DataSmPdu() : SmppPdu(SmppCommand.DataSm)
{
    public string ServiceType { get; set; } = "";

    public byte SourceTon { get; set; }

    public byte SourceNpi { get; set; }

    public string SourceAddress { get; set; } = "";

    public byte DestinationTon { get; set; }

    public byte DestinationNpi { get; set; }

    public string DestinationAddress { get; set; } = "";

    public byte EsmClass { get; set; }

    public byte RegisteredDelivery { get; set; }

    public byte DataCoding { get; set; }

    internal override void WriteBody(SmppWriter writer)
    {
        writer.CString(ServiceType, 6, "service_type");
        writer.Byte(SourceTon);
        writer.Byte(SourceNpi);
        writer.CString(SourceAddress, 65, "source_addr");
        writer.Byte(DestinationTon);
        writer.Byte(DestinationNpi);
        writer.CString(DestinationAddress, 65, "destination_addr");
        writer.Byte(EsmClass);
        writer.Byte(RegisteredDelivery);
        writer.Byte(DataCoding);
    }

    internal override void ReadBody(ref SmppReader reader)
    {
        ServiceType = reader.CString(6, "service_type", SmppStatus.InvalidServiceType);
        SourceTon = reader.Byte("source_addr_ton");
        SourceNpi = reader.Byte("source_addr_npi");
        SourceAddress = reader.CString(65, "source_addr", SmppStatus.InvalidSourceAddress);
        DestinationTon = reader.Byte("dest_addr_ton");
        DestinationNpi = reader.Byte("dest_addr_npi");
        DestinationAddress = reader.CString(65, "destination_addr", SmppStatus.InvalidDestinationAddress);
        EsmClass = reader.Byte("esm_class");
        RegisteredDelivery = reader.Byte("registered_delivery");
        DataCoding = reader.Byte("data_coding");
    }
}

/// <summary>submit_sm_resp, deliver_sm_resp, data_sm_resp: a message_id (empty on deliver_sm_resp; absent on errors).</summary>
public sealed class MessageIdRespPdu(SmppCommand command) : SmppPdu(command)
{
    /// <summary>Null when the body is absent.</summary>
    public string? MessageId { get; set; }

    internal override void WriteBody(SmppWriter writer)
    {
        if (MessageId is not null)
        {
            writer.CString(MessageId, 65, "message_id");
        }
    }

    internal override void ReadBody(ref SmppReader reader)
    {
        MessageId = reader.Remaining == 0 ? null : reader.CString(65, "message_id", SmppStatus.InvalidMessageId);
    }
}

/// <summary>query_sm (section 4.8.1).</summary>
public sealed class QuerySmPdu() : SmppPdu(SmppCommand.QuerySm)
{
    public string MessageId { get; set; } = "";

    public byte SourceTon { get; set; }

    public byte SourceNpi { get; set; }

    public string SourceAddress { get; set; } = "";

    internal override void WriteBody(SmppWriter writer)
    {
        writer.CString(MessageId, 65, "message_id");
        writer.Byte(SourceTon);
        writer.Byte(SourceNpi);
        writer.CString(SourceAddress, 21, "source_addr");
    }

    internal override void ReadBody(ref SmppReader reader)
    {
        MessageId = reader.CString(65, "message_id", SmppStatus.InvalidMessageId);
        SourceTon = reader.Byte("source_addr_ton");
        SourceNpi = reader.Byte("source_addr_npi");
        SourceAddress = reader.CString(21, "source_addr", SmppStatus.InvalidSourceAddress);
    }
}

/// <summary>query_sm_resp (section 4.8.2); the body is absent on an error.</summary>
public sealed class QuerySmRespPdu() : SmppPdu(SmppCommand.QuerySmResp)
{
    /// <summary>Null when the body is absent.</summary>
    public string? MessageId { get; set; }

    public string FinalDate { get; set; } = "";

    public byte MessageState { get; set; }

    public byte ErrorCode { get; set; }

    internal override void WriteBody(SmppWriter writer)
    {
        if (MessageId is null)
        {
            return;
        }
        writer.CString(MessageId, 65, "message_id");
        writer.CString(FinalDate, 17, "final_date");
        writer.Byte(MessageState);
        writer.Byte(ErrorCode);
    }

    internal override void ReadBody(ref SmppReader reader)
    {
        if (reader.Remaining == 0)
        {
            MessageId = null;
            return;
        }
        MessageId = reader.CString(65, "message_id", SmppStatus.InvalidMessageId);
        FinalDate = reader.CString(17, "final_date", SmppStatus.InvalidMessageLength);
        MessageState = reader.Byte("message_state");
        ErrorCode = reader.Byte("error_code");
    }
}
