namespace SmsPortal.Infrastructure.Channels.Settings;

/// <summary>The settings of a modem pool (<c>Type = Modem</c>), read by <c>ModemOptions</c>.</summary>
public static class ModemChannelDeclaration
{
    public static readonly ChannelSetting Ports = ChannelSetting.List("Ports");
    public static readonly ChannelSetting Device = ChannelSetting.Text("Device");
    public static readonly ChannelSetting BaudRate = ChannelSetting.Number("BaudRate", 115200, 300, 4_000_000);
    public static readonly ChannelSetting Pin = ChannelSetting.Secret("Pin");
    public static readonly ChannelSetting SmscNumber = ChannelSetting.Text("SmscNumber");
    public static readonly ChannelSetting MaxPerMinute = ChannelSetting.Number("MaxPerMinute", 10, 0, 6000);
    public static readonly ChannelSetting SignalCheckSeconds = ChannelSetting.Number("SignalCheckSeconds", 60, 1, 86_400);
    public static readonly ChannelSetting ResponseTimeoutSeconds = ChannelSetting.Number("ResponseTimeoutSeconds", 60, 1, 600);
    public static readonly ChannelSetting ReconnectSeconds = ChannelSetting.Number("ReconnectSeconds", 30, 1, 86_400);
    public static readonly ChannelSetting ValidityMinutes = ChannelSetting.Number("ValidityMinutes", 1440, 0, 63 * 7 * 1440);
    public static readonly ChannelSetting StatusReports = ChannelSetting.Flag("StatusReports", true);

    public static readonly ChannelSettingSet All = new("Modem",
        [Ports, Device, BaudRate, Pin, SmscNumber, MaxPerMinute, SignalCheckSeconds, ResponseTimeoutSeconds, ReconnectSeconds, ValidityMinutes, StatusReports]);
}
