using System.Text;
using Microsoft.Extensions.Localization;
using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Web.Features.Channels;

/// <summary>
/// The README's "Channel settings" table, written from the declarations (and their English help), so the table
/// cannot drift from what the channels read. ChannelSettingsTableTests compares it with the README and rewrites it
/// when SMSPORTAL_WRITE_README=1.
/// </summary>
public static class ChannelSettingsTable
{
    public const string Begin = "<!-- channel-settings:begin (written by ChannelSettingsTableTests; do not edit by hand) -->";
    public const string End = "<!-- channel-settings:end -->";

    /// <summary>The channel types of the product and the settings every declared channel takes, in README order.</summary>
    public static IReadOnlyList<ChannelSettingSet> Sets { get; } =
        [SmppChannelDeclaration.All, HttpChannelDeclaration.All, ModemChannelDeclaration.All, SimulatorChannelDeclaration.All, DeclaredRouteDeclaration.All];

    public static string Markdown(IStringLocalizer<ChannelSettingsText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var table = new StringBuilder();
        table.Append("| Type | Setting | Kind | Default | Allowed | Secret | Meaning |\n");
        table.Append("| --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var set in Sets)
        {
            foreach (var setting in set.Settings)
            {
                table.Append("| ").Append(set.Section == "Route" ? "any" : set.Section)
                    .Append(" | `").Append(setting.Name).Append('`')
                    .Append(" | ").Append(setting.Kind.ToString().ToLowerInvariant())
                    .Append(" | ").Append(setting.Default is { Length: > 0 } d ? $"`{d}`" : setting.Required ? "required" : "")
                    .Append(" | ").Append(Cell(setting.Allowed))
                    .Append(" | ").Append(setting.IsSecret ? "yes" : "")
                    .Append(" | ").Append(Cell(text[setting.HelpKey + ".Help"].Value))
                    .Append(" |\n");
            }
        }

        return table.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
