using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels.Simulator;

/// <summary>Section "Channels:Simulator": how the built-in simulator behaves.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Channels:Simulator";

    /// <summary>Reads and checks the settings (<see cref="SimulatorChannelDeclaration"/>); every wrong one is named.</summary>
    public static SimulatorOptions From(string channel, IConfiguration settings)
    {
        var read = new ChannelSettingsReader(ChannelSettingsReader.ChannelPrefix(channel), settings);
        var options = new SimulatorOptions
        {
            ReceiptDelayMilliseconds = read.Number(SimulatorChannelDeclaration.ReceiptDelayMilliseconds),
            RejectPattern = Pattern(read, SimulatorChannelDeclaration.RejectPattern),
            UndeliveredPattern = Pattern(read, SimulatorChannelDeclaration.UndeliveredPattern),
        };
        read.ThrowIfAnyFor(channel);
        return options;
    }

    /// <summary>How long after submission the receipt comes back.</summary>
    public int ReceiptDelayMilliseconds { get; set; } = 1000;

    /// <summary>Numbers matching this are refused at submission (like ESME_RSUBMITFAIL).</summary>
    public string RejectPattern { get; set; } = "9999$";

    /// <summary>Numbers matching this are accepted and then receipted UNDELIV.</summary>
    public string UndeliveredPattern { get; set; } = "0000$";

    private static string Pattern(ChannelSettingsReader read, ChannelSetting setting)
    {
        var pattern = read.Text(setting);
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
            return pattern;
        }
        catch (ArgumentException exception)
        {
            read.Problem(setting.Name, $"not a regular expression ({exception.Message})");
            return setting.Default!;
        }
    }
}
