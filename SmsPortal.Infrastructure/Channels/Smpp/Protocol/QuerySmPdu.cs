namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

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
