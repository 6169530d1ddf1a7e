namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

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
