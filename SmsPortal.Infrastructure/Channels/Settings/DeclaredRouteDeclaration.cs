namespace SmsPortal.Infrastructure.Channels.Settings;

/// <summary>
/// What every channel declared in configuration may carry beside its type's own settings: whether it is on, and the
/// routing rule declared with it (shown on the routes page as coming from configuration).
/// </summary>
public static class DeclaredRouteDeclaration
{
    public const decimal MaxCostPerPart = 1000m;

    public static readonly ChannelSetting Type = ChannelSetting.Text("Type") with { Required = true };
    public static readonly ChannelSetting Enabled = ChannelSetting.Flag("Enabled", true);
    public static readonly ChannelSetting Prefixes = ChannelSetting.List("Prefixes");
    public static readonly ChannelSetting Priority = ChannelSetting.Number("Priority", 100, 0, 1_000_000);
    public static readonly ChannelSetting Weight = ChannelSetting.Number("Weight", 1, 1, 1000);
    public static readonly ChannelSetting CostPerPart = ChannelSetting.Text("CostPerPart", "0");

    public static readonly ChannelSettingSet All = new("Route", [Type, Enabled, Prefixes, Priority, Weight, CostPerPart]);
}
