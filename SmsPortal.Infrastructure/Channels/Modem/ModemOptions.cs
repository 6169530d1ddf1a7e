using System.Globalization;
using Microsoft.Extensions.Configuration;

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

    /// <summary>Reads and checks the settings; every problem names its setting.</summary>
    /// <exception cref="ChannelSettingsException">Something cannot work.</exception>
    public static ModemOptions From(string channel, IConfiguration settings)
    {
        var problems = new List<string>();
        var ports = settings.GetSection("Ports").GetChildren().Select(c => c.Value ?? "").ToList();
        if (ports.Count == 0 && settings["Ports"] is { Length: > 0 } list)
        {
            ports = [.. list.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        if (settings["Device"] is { Length: > 0 } device)
        {
            ports.Add(device.Trim());
        }

        if (ports.Count == 0)
        {
            problems.Add("Ports: name at least one serial device (e.g. [\"/dev/ttyUSB0\"]), or set Device");
        }
        else if (ports.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("Ports: an entry is empty");
        }
        else if (ports.Distinct(StringComparer.Ordinal).Count() != ports.Count)
        {
            problems.Add("Ports: a device is listed twice");
        }

        int Number(string key, int fallback, int min, int max)
        {
            var raw = settings[key];
            if (string.IsNullOrWhiteSpace(raw))
            {
                return fallback;
            }

            if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                problems.Add($"{key}: '{raw}' is not a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
                return fallback;
            }

            return value;
        }

        var baud = Number(nameof(BaudRate), 115200, 300, 4_000_000);
        if (!BaudRates.Contains(baud))
        {
            problems.Add($"BaudRate: {baud.ToString(CultureInfo.InvariantCulture)} is not a standard rate ({string.Join(", ", BaudRates)})");
        }

        var pin = settings[nameof(Pin)];
        if (!string.IsNullOrEmpty(pin) && (pin.Length is < 4 or > 8 || !pin.All(char.IsAsciiDigit)))
        {
            problems.Add("Pin: a SIM PIN is 4 to 8 digits");
        }

        var smsc = settings[nameof(SmscNumber)];
        if (!string.IsNullOrWhiteSpace(smsc))
        {
            var digits = smsc.Trim().TrimStart('+');
            if (digits.Length is < 3 or > 20 || !digits.All(char.IsAsciiDigit))
            {
                problems.Add("SmscNumber: digits with an optional leading +, e.g. +8613800100500");
            }
        }

        var statusReports = true;
        if (settings[nameof(StatusReports)] is { Length: > 0 } sr && !bool.TryParse(sr, out statusReports))
        {
            problems.Add($"StatusReports: '{sr}' is not true or false");
            statusReports = true;
        }

        var options = new ModemOptions
        {
            Ports = ports,
            BaudRate = baud,
            Pin = string.IsNullOrEmpty(pin) ? null : pin,
            SmscNumber = string.IsNullOrWhiteSpace(smsc) ? null : smsc.Trim(),
            MaxPerMinute = Number(nameof(MaxPerMinute), 10, 0, 6000),
            SignalCheckSeconds = Number(nameof(SignalCheckSeconds), 60, 1, 86_400),
            ResponseTimeoutSeconds = Number(nameof(ResponseTimeoutSeconds), 60, 1, 600),
            ReconnectSeconds = Number(nameof(ReconnectSeconds), 30, 1, 86_400),
            ValidityMinutes = Number(nameof(ValidityMinutes), 1440, 0, 63 * 7 * 1440),
            StatusReports = statusReports,
        };

        if (problems.Count > 0)
        {
            throw new ChannelSettingsException(channel, problems);
        }

        return options;
    }
}
