namespace SmsPortal.Infrastructure.Channels.Settings;

/// <summary>How a declared setting is written, read and shown on the admin form.</summary>
public enum ChannelSettingKind
{
    /// <summary>One line of text.</summary>
    Text,

    /// <summary>A whole number within a range.</summary>
    Number,

    /// <summary>One of a fixed list of words.</summary>
    Choice,

    /// <summary>true or false.</summary>
    Flag,

    /// <summary>Text that is stored encrypted and shown masked (a password, a key, a PIN).</summary>
    Secret,

    /// <summary>Several values: comma-separated, or a JSON array.</summary>
    List,

    /// <summary>Named values under the setting (<c>Fields:to</c>, <c>Headers:Authorization</c>).</summary>
    Map,
}
