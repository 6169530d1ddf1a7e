using Microsoft.Extensions.Configuration;
using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels;

/// <summary>
/// Makes channels of one type from their settings. Settings come from configuration
/// (<c>Channels:&lt;name&gt;</c> with <c>Type</c> = Smpp | Http | Modem | Simulator) or from a channel an admin
/// saved (its settings JSON read as configuration), so both are one <see cref="IConfiguration"/>.
/// </summary>
public interface IChannelFactory
{
    /// <summary>"Smpp", "Http", "Modem", "Simulator".</summary>
    string Type { get; }

    /// <summary>Every setting the type takes, declared once: the reader, the admin form, masking and the README read it.</summary>
    ChannelSettingSet Settings { get; }

    /// <summary>Throws <see cref="ChannelSettingsException"/> naming every wrong setting; creates nothing then.</summary>
    ISmsChannel Create(string name, IConfiguration settings);
}
