using SmsPortal.Infrastructure.Channels.Smpp.Protocol;

namespace SmsPortal.Infrastructure.Channels.Settings;

/// <summary>The settings of the SMPP server customers bind to (section <c>Smpp</c>), read by <c>SmppServerOptions</c>.</summary>
public static class SmppServerDeclaration
{
    public static readonly ChannelSetting Port = new("Port", ChannelSettingKind.Number) { Min = 0, Max = 65535 };
    public static readonly ChannelSetting Host = ChannelSetting.Text("Host", "::");
    public static readonly ChannelSetting MaxSessionsPerAccount = ChannelSetting.Number("MaxSessionsPerAccount", 8, 1, 1000);
    public static readonly ChannelSetting MaxConnections = ChannelSetting.Number("MaxConnections", 500, 1, 100_000);
    public static readonly ChannelSetting MaxConnectionsPerAddress = ChannelSetting.Number("MaxConnectionsPerAddress", 20, 1, 100_000);
    public static readonly ChannelSetting BindFailureDelayMilliseconds = ChannelSetting.Number("BindFailureDelayMilliseconds", 250, 0, 60_000);
    public static readonly ChannelSetting BindLockoutFailures = ChannelSetting.Number("BindLockoutFailures", 10, 1, 10_000);
    public static readonly ChannelSetting BindLockoutMinutes = ChannelSetting.Number("BindLockoutMinutes", 15, 1, 10_080);
    public static readonly ChannelSetting MaxPendingPartBytesPerBind = ChannelSetting.Number("MaxPendingPartBytesPerBind", 1024 * 1024, 1024, 1024 * 1024 * 1024);
    public static readonly ChannelSetting MaxPendingPartBytesPerAccount = ChannelSetting.Number("MaxPendingPartBytesPerAccount", 4 * 1024 * 1024, 1024, 1024 * 1024 * 1024);
    public static readonly ChannelSetting KeyCheckSeconds = ChannelSetting.Number("KeyCheckSeconds", 5, 1, 3600);
    public static readonly ChannelSetting Window = ChannelSetting.Number("Window", 10, 1, 1000);
    public static readonly ChannelSetting MaxRequestsInProgress = ChannelSetting.Number("MaxRequestsInProgress", SmppSessionOptions.DefaultMaxConcurrentIncoming, 1, 100_000);
    public static readonly ChannelSetting MaxPerSecondPerAccount = ChannelSetting.Number("MaxPerSecondPerAccount", 1000, 1, 1_000_000);
    public static readonly ChannelSetting InactivitySeconds = ChannelSetting.Number("InactivitySeconds", 120, 5, 86_400);
    public static readonly ChannelSetting EnquireLinkSeconds = ChannelSetting.Number("EnquireLinkSeconds", 30, 1, 86_400);
    public static readonly ChannelSetting BindTimeoutSeconds = ChannelSetting.Number("BindTimeoutSeconds", 5, 1, 3600);
    public static readonly ChannelSetting ResponseTimeoutSeconds = ChannelSetting.Number("ResponseTimeoutSeconds", 10, 1, 600);
    public static readonly ChannelSetting PartHoldMilliseconds = ChannelSetting.Number("PartHoldMilliseconds", 2000, 0, 600_000);
    public static readonly ChannelSetting PartTimeoutSeconds = ChannelSetting.Number("PartTimeoutSeconds", 60, 1, 3600);
    public static readonly ChannelSetting MaxPendingLongMessages = ChannelSetting.Number("MaxPendingLongMessages", 1000, 1, 100_000);
    public static readonly ChannelSetting PollSeconds = ChannelSetting.Number("PollSeconds", 2, 1, 3600);
    public static readonly ChannelSetting ForwardDays = ChannelSetting.Number("ForwardDays", 3, 1, 365);

    public static readonly ChannelSettingSet All = new("SmppServer",
    [
        Port, Host, MaxSessionsPerAccount, MaxConnections, MaxConnectionsPerAddress, BindFailureDelayMilliseconds, BindLockoutFailures,
        BindLockoutMinutes, MaxPendingPartBytesPerBind, MaxPendingPartBytesPerAccount, KeyCheckSeconds, Window, MaxRequestsInProgress,
        MaxPerSecondPerAccount, InactivitySeconds, EnquireLinkSeconds, BindTimeoutSeconds, ResponseTimeoutSeconds, PartHoldMilliseconds,
        PartTimeoutSeconds, MaxPendingLongMessages, PollSeconds, ForwardDays,
    ]);
}
