namespace SmsPortal.Infrastructure.Channels.Smpp;

/// <summary>How the upstream writes message ids (Kannel's msg-id-type): ids are compared as numbers when hex or decimal.</summary>
public enum SmppMessageIdFormat
{
    /// <summary>Compared as strings, exactly (trimmed).</summary>
    AsIs,

    /// <summary>A hexadecimal number: "0000002A" and "2a" are the same id.</summary>
    Hex,

    /// <summary>A decimal number: "0042" and "42" are the same id.</summary>
    Decimal,
}
