namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

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
