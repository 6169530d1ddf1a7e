using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>data_coding values (SMPP 3.4 section 5.2.19) the platform writes.</summary>
public static class DataCoding
{
    /// <summary>The SMSC default alphabet, taken as GSM 03.38.</summary>
    public const byte Default = 0x00;
    public const byte Ia5 = 0x01;
    public const byte Binary2 = 0x02;
    public const byte Latin1 = 0x03;
    public const byte Binary = 0x04;
    public const byte Ucs2 = 0x08;
}
