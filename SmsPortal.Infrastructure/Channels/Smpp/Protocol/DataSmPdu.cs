namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>data_sm (section 4.7.1): addresses and flags only; the text travels in message_payload.</summary>
public sealed class DataSmPdu() : AddressedPdu(SmppCommand.DataSm, 65)
{
    internal override void WriteBody(SmppWriter writer)
    {
        WriteAddresses(writer);
        writer.Byte(EsmClass);
        writer.Byte(RegisteredDelivery);
        writer.Byte(DataCoding);
    }

    internal override void ReadBody(ref SmppReader reader)
    {
        ReadAddresses(ref reader);
        EsmClass = reader.Byte("esm_class");
        RegisteredDelivery = reader.Byte("registered_delivery");
        DataCoding = reader.Byte("data_coding");
    }
}
