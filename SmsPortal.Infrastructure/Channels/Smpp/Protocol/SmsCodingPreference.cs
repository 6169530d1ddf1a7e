using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Channels.Smpp.Protocol;

/// <summary>Which coding a text is sent in.</summary>
public enum SmsCodingPreference
{
    /// <summary>GSM-7 when every character is in the GSM alphabet, else UCS-2.</summary>
    Auto,

    /// <summary>Latin-1 (data_coding 3) when every character is in Latin-1, else UCS-2.</summary>
    Latin1,

    /// <summary>Always UCS-2.</summary>
    Ucs2,
}
