namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>
/// What submit_sm, deliver_sm and data_sm share (sections 4.4.1, 4.6.1, 4.7.1): service_type, the source and destination
/// addresses, esm_class, registered_delivery and data_coding. The addresses are read and written here, in one place;
/// each type puts its own fields between and after them.
/// </summary>
public abstract class AddressedPdu(SmppCommand command, int addressLength) : SmppPdu(command)
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

    /// <summary>service_type to destination_addr (the address fields hold 21 octets in submit_sm and deliver_sm, 65 in data_sm).</summary>
    private protected void WriteAddresses(SmppWriter writer)
    {
        writer.CString(ServiceType, 6, "service_type");
        writer.Byte(SourceTon);
        writer.Byte(SourceNpi);
        writer.CString(SourceAddress, addressLength, "source_addr");
        writer.Byte(DestinationTon);
        writer.Byte(DestinationNpi);
        writer.CString(DestinationAddress, addressLength, "destination_addr");
    }

    private protected void ReadAddresses(ref SmppReader reader)
    {
        ServiceType = reader.CString(6, "service_type", SmppStatus.InvalidServiceType);
        SourceTon = reader.Byte("source_addr_ton");
        SourceNpi = reader.Byte("source_addr_npi");
        SourceAddress = reader.CString(addressLength, "source_addr", SmppStatus.InvalidSourceAddress);
        DestinationTon = reader.Byte("dest_addr_ton");
        DestinationNpi = reader.Byte("dest_addr_npi");
        DestinationAddress = reader.CString(addressLength, "destination_addr", SmppStatus.InvalidDestinationAddress);
    }
}
