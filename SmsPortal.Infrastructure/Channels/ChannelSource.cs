namespace SmsPortal.Infrastructure.Channels;

/// <summary>Where a channel was declared.</summary>
public enum ChannelSource
{
    /// <summary>The built-in simulator (<c>Channels:Simulator</c>): on in Development, off elsewhere unless <c>Enabled</c> = true.</summary>
    BuiltIn,

    /// <summary><c>Channels:&lt;name&gt;:Type</c> in configuration: shown, not editable on the page.</summary>
    Configuration,

    /// <summary>Saved by an admin on the channels page.</summary>
    Admin,
}
