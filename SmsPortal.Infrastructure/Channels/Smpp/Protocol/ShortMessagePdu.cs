namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>submit_sm and deliver_sm share one layout (sections 4.4.1 and 4.6.1).</summary>
public abstract class ShortMessagePdu(SmppCommand command) : AddressedPdu(command, 21)
{
    /// <summary>esm_class bit: short_message starts with a user data header.</summary>
    public const byte EsmUdhIndicator = 0x40;

    /// <summary>esm_class message type bits (0x3C) for an SMSC delivery receipt.</summary>
    public const byte EsmDeliveryReceipt = 0x04;

    public byte ProtocolId { get; set; }

    public byte PriorityFlag { get; set; }

    public string ScheduleDeliveryTime { get; set; } = "";

    public string ValidityPeriod { get; set; } = "";

    public byte ReplaceIfPresent { get; set; }

    public byte DefaultMessageId { get; set; }

    /// <summary>At most 254 octets (sm_length is one octet and 255 is reserved); longer text goes in message_payload.</summary>
    public byte[] ShortMessage { get; set; } = [];

    /// <summary>True when esm_class marks this as a delivery receipt (SMSC delivery receipt or intermediate notification).</summary>
    public bool IsDeliveryReceipt => (EsmClass & 0x3C) is 0x04 or 0x20;

    internal override void WriteBody(SmppWriter writer)
    {
        WriteAddresses(writer);
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
        ReadAddresses(ref reader);
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
