using System.Globalization;
using Microsoft.Extensions.Configuration;
using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Channels.Modem;

/// <summary>
/// The settings of a modem pool (<c>Channels:&lt;name&gt;</c> with <c>Type</c> = Modem): one channel, one or more
/// serial ports, each a modem with its own SIM.
/// </summary>
internal sealed class ModemOptions
{
    /// <summary>Serial devices, e.g. ["/dev/ttyUSB0", "/dev/ttyUSB2"]; <c>Device</c> names a single one.</summary>
    public IReadOnlyList<string> Ports { get; init; } = [];

    public int BaudRate { get; init; } = 115200;

    /// <summary>The SIM PIN, entered when a SIM asks for it. A PIN the SIM refuses is never entered again (three tries lock the SIM).</summary>
    public string? Pin { get; init; }

    /// <summary>The SMS centre put in each PDU; empty: the one stored on the SIM.</summary>
    public string? SmscNumber { get; init; }

    /// <summary>SMS parts a minute per modem (SIM contracts and operators' anti-spam limits); 0: no limit.</summary>
    public int MaxPerMinute { get; init; } = 10;

    /// <summary>How often AT+CSQ is asked, which also finds a modem that stopped answering.</summary>
    public int SignalCheckSeconds { get; init; } = 60;

    /// <summary>How long AT+CMGS may take once the PDU is sent; past it the message is Unknown (never resent).</summary>
    public int ResponseTimeoutSeconds { get; init; } = 60;

    /// <summary>How long a modem that is down waits before it opens its port and initialises again.</summary>
    public int ReconnectSeconds { get; init; } = 30;

    /// <summary>Relative validity period asked of the SMS centre; 0: none (the centre's default).</summary>
    public int ValidityMinutes { get; init; } = 1440;

    /// <summary>Ask for status reports (+CDS); without them no receipt ever comes.</summary>
    public bool StatusReports { get; init; } = true;

    private static readonly int[] BaudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600];

    /// <summary>Reads and checks the settings (<see cref="ModemChannelDeclaration"/>); every problem names its setting.</summary>
    /// <exception cref="ChannelSettingsException">Something cannot work.</exception>
    public static ModemOptions From(string channel, IConfiguration settings)
    {
        var read = new ChannelSettingsReader(ChannelSettingsReader.ChannelPrefix(channel), settings);
        var ports = read.List(ModemChannelDeclaration.Ports).ToList();
        if (read.Raw(ModemChannelDeclaration.Device.Name) is { } device)
        {
            ports.Add(device.Trim());
        }

        if (ports.Count == 0)
        {
            read.Problem(ModemChannelDeclaration.Ports.Name, "name at least one serial device (e.g. [\"/dev/ttyUSB0\"]), or set Device");
        }
        else if (ports.Any(string.IsNullOrWhiteSpace))
        {
            read.Problem(ModemChannelDeclaration.Ports.Name, "an entry is empty");
        }
        else if (ports.Distinct(StringComparer.Ordinal).Count() != ports.Count)
        {
            read.Problem(ModemChannelDeclaration.Ports.Name, "a device is listed twice");
        }

        var baud = read.Number(ModemChannelDeclaration.BaudRate);
        if (!BaudRates.Contains(baud))
        {
            read.Problem(ModemChannelDeclaration.BaudRate.Name, $"{baud.ToString(CultureInfo.InvariantCulture)} is not a standard rate ({string.Join(", ", BaudRates)})");
        }

        var pin = read.OptionalText(ModemChannelDeclaration.Pin);
        if (!string.IsNullOrEmpty(pin) && (pin.Length is < 4 or > 8 || !pin.All(char.IsAsciiDigit)))
        {
            read.Problem(ModemChannelDeclaration.Pin.Name, "a SIM PIN is 4 to 8 digits");
        }

        var smsc = read.OptionalText(ModemChannelDeclaration.SmscNumber);
        if (!string.IsNullOrWhiteSpace(smsc))
        {
            var digits = smsc.Trim().TrimStart('+');
            if (digits.Length is < 3 or > 20 || !digits.All(char.IsAsciiDigit))
            {
                read.Problem(ModemChannelDeclaration.SmscNumber.Name, "digits with an optional leading +, e.g. +8613800100500");
            }
        }

        var options = new ModemOptions
        {
            Ports = ports,
            BaudRate = baud,
            Pin = string.IsNullOrEmpty(pin) ? null : pin,
            SmscNumber = string.IsNullOrWhiteSpace(smsc) ? null : smsc.Trim(),
            MaxPerMinute = read.Number(ModemChannelDeclaration.MaxPerMinute),
            SignalCheckSeconds = read.Number(ModemChannelDeclaration.SignalCheckSeconds),
            ResponseTimeoutSeconds = read.Number(ModemChannelDeclaration.ResponseTimeoutSeconds),
            ReconnectSeconds = read.Number(ModemChannelDeclaration.ReconnectSeconds),
            ValidityMinutes = read.Number(ModemChannelDeclaration.ValidityMinutes),
            StatusReports = read.Flag(ModemChannelDeclaration.StatusReports),
        };

        read.ThrowIfAnyFor(channel);
        return options;
    }
}
