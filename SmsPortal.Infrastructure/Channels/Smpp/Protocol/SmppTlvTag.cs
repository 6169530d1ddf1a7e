namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>SMPP 3.4 TLV tags (section 5.3.2) that the platform reads or writes.</summary>
public static class SmppTlvTag
{
    public const ushort ReceiptedMessageId = 0x001E;
    public const ushort SourcePort = 0x020A;
    public const ushort DestinationPort = 0x020B;
    public const ushort SarMsgRefNum = 0x020C;
    public const ushort SarTotalSegments = 0x020E;
    public const ushort SarSegmentSeqnum = 0x020F;
    public const ushort ScInterfaceVersion = 0x0210;
    public const ushort NetworkErrorCode = 0x0423;
    public const ushort MessagePayload = 0x0424;
    public const ushort MessageState = 0x0427;

    /// <summary>The value length the spec fixes for a tag, or null when any length (within the PDU) is valid.</summary>
    internal static int? FixedLength(ushort tag) => tag switch
    {
        SarTotalSegments or SarSegmentSeqnum or ScInterfaceVersion or MessageState => 1,
        SarMsgRefNum or SourcePort or DestinationPort => 2,
        NetworkErrorCode => 3,
        _ => null,
    };

    /// <summary>The most octets a variable-length tag may carry (receipted_message_id: 65 with its NUL).</summary>
    internal static int? MaxLength(ushort tag) => tag == ReceiptedMessageId ? 65 : null;
}
