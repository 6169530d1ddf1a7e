namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

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
