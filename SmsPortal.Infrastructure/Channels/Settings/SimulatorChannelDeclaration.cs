namespace SmsPortal.Infrastructure.Channels.Settings;

/// <summary>The settings of a simulator channel (<c>Type = Simulator</c>, and the built-in <c>Channels:Simulator</c>).</summary>
public static class SimulatorChannelDeclaration
{
    public static readonly ChannelSetting ReceiptDelayMilliseconds = ChannelSetting.Number("ReceiptDelayMilliseconds", 1000, 0, 86_400_000);
    public static readonly ChannelSetting RejectPattern = ChannelSetting.Text("RejectPattern", "9999$");
    public static readonly ChannelSetting UndeliveredPattern = ChannelSetting.Text("UndeliveredPattern", "0000$");

    public static readonly ChannelSettingSet All = new("Simulator", [ReceiptDelayMilliseconds, RejectPattern, UndeliveredPattern]);
}
