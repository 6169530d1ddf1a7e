namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

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
