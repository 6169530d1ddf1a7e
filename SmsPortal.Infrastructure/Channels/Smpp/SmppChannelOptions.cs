using System.Globalization;
using Microsoft.Extensions.Configuration;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;

namespace SmsPortal.Infrastructure.Channels.Smpp;

public enum SmppBindMode
{
    /// <summary>One bind_transceiver: submits out, receipts and replies in.</summary>
    Transceiver,

    /// <summary>A bind_transmitter for submits and a bind_receiver for receipts and replies, on two connections.</summary>
    TxRx,
}

/// <summary>How the upstream writes message ids (Kannel's msg-id-type): ids are compared as numbers when hex or decimal.</summary>
public enum SmppMessageIdFormat
{
    /// <summary>Compared as strings, exactly (trimmed).</summary>
    AsIs,

    /// <summary>A hexadecimal number: "0000002A" and "2a" are the same id.</summary>
    Hex,

    /// <summary>A decimal number: "0042" and "42" are the same id.</summary>
    Decimal,
}

/// <summary>
/// Settings of one upstream SMPP channel (<c>Channels:&lt;name&gt;</c> with <c>Type = Smpp</c>). Every setting has a
/// default but Host and SystemId; <see cref="From"/> names every wrong one.
/// </summary>
public sealed class SmppChannelOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 2775;
    public string SystemId { get; set; } = "";
    public string Password { get; set; } = "";
    public string SystemType { get; set; } = "";
    public SmppBindMode BindMode { get; set; } = SmppBindMode.Transceiver;

    /// <summary>submit_sm sent and not yet answered, per bind.</summary>
    public int Window { get; set; } = 10;

    /// <summary>
    /// Receipts and replies from the SMSC being stored at once; one more is answered ESME_RTHROTTLED (the SMSC sends
    /// it again) so that submit_sm_resp are never stuck behind them.
    /// </summary>
    public int MaxRequestsInProgress { get; set; } = SmppSessionOptions.DefaultMaxConcurrentIncoming;

    /// <summary>submit_sm a second at most (each part counts); 0 for no cap.</summary>
    public int MaxPerSecond { get; set; }

    public int EnquireLinkSeconds { get; set; } = 30;
    public int ReconnectMinSeconds { get; set; } = 1;
    public int ReconnectMaxSeconds { get; set; } = 60;

    /// <summary>How long a submit_sm waits for its submit_sm_resp before the message is Unknown.</summary>
    public int ResponseTimeoutSeconds { get; set; } = 10;

    /// <summary>How long SubmitAsync may wait for a window slot, the rate cap and throttling pauses before it answers TryLater.</summary>
    public int SubmitWaitSeconds { get; set; } = 10;

    /// <summary>Pause before a submit refused with ESME_RTHROTTLED is sent again.</summary>
    public int ThrottleRetryMilliseconds { get; set; } = 200;

    /// <summary>How long the rate stays halved after ESME_RTHROTTLED.</summary>
    public int ThrottleSlowdownSeconds { get; set; } = 10;

    public string SourceAddress { get; set; } = "";
    public byte SourceTon { get; set; }
    public byte SourceNpi { get; set; }
    public byte DestinationTon { get; set; }
    public byte DestinationNpi { get; set; } = 1;

    /// <summary>The id format in submit_sm_resp.</summary>
    public SmppMessageIdFormat MessageIdFormat { get; set; } = SmppMessageIdFormat.AsIs;

    /// <summary>The id format in receipts (receipted_message_id or the text's id:); the same as <see cref="MessageIdFormat"/> unless set.</summary>
    public SmppMessageIdFormat? ReceiptIdFormat { get; set; }

    public SmsLongMessageMode LongMessages { get; set; } = SmsLongMessageMode.Udh;

    /// <summary>Auto (GSM-7 when it can, else UCS-2), Latin1 (data_coding 3 when it can, else UCS-2) or Ucs2.</summary>
    public SmsCodingPreference DataCoding { get; set; } = SmsCodingPreference.Auto;

    /// <summary>data_coding 0 as packed septets; most SMSCs expect one septet per octet over SMPP.</summary>
    public bool Gsm7Packed { get; set; }

    /// <summary>registered_delivery: 1 asks for a receipt on the final state.</summary>
    public byte RegisteredDelivery { get; set; } = 1;

    internal SmsEncodingOptions Encoding => new(DataCoding, Gsm7Packed, LongMessages);

    internal SmppMessageIdFormat ReceiptIds => ReceiptIdFormat ?? MessageIdFormat;

    /// <summary>Reads and checks the settings; throws <see cref="ChannelSettingsException"/> naming every wrong one.</summary>
    public static SmppChannelOptions From(string channel, IConfiguration settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();
        var options = new SmppChannelOptions();

        string Text(string key, string fallback, int max)
        {
            var value = settings[key] ?? fallback;
            if (value.Length > max || value.Any(c => c is '\0' or > '\u007E' or < ' '))
            {
                problems.Add($"{key} must be printable ASCII of at most {max} characters.");
            }
            return value;
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
                problems.Add($"{key} must be a whole number from {min} to {max} (was '{raw}').");
                return fallback;
            }
            return value;
        }

        T Choice<T>(string key, T fallback) where T : struct, Enum
        {
            var raw = settings[key];
            if (string.IsNullOrWhiteSpace(raw))
            {
                return fallback;
            }
            if (!Enum.TryParse<T>(raw, true, out var value) || !Enum.IsDefined(value) || int.TryParse(raw, CultureInfo.InvariantCulture, out _))
            {
                problems.Add($"{key} must be one of {string.Join(", ", Enum.GetNames<T>())} (was '{raw}').");
                return fallback;
            }
            return value;
        }

        bool Flag(string key, bool fallback)
        {
            var raw = settings[key];
            if (string.IsNullOrWhiteSpace(raw))
            {
                return fallback;
            }
            if (!bool.TryParse(raw, out var value))
            {
                problems.Add($"{key} must be true or false (was '{raw}').");
            }
            return value;
        }

        options.Host = Text("Host", "", 253).Trim();
        if (options.Host.Length == 0)
        {
            problems.Add("Host is required.");
        }
        options.Port = Number("Port", 2775, 1, 65535);
        options.SystemId = Text("SystemId", "", 15);
        if (options.SystemId.Length == 0)
        {
            problems.Add("SystemId is required.");
        }
        options.Password = Text("Password", "", 8);
        options.SystemType = Text("SystemType", "", 12);
        options.BindMode = Choice("BindMode", SmppBindMode.Transceiver);
        options.Window = Number("Window", 10, 1, 1000);
        options.MaxRequestsInProgress = Number("MaxRequestsInProgress", SmppSessionOptions.DefaultMaxConcurrentIncoming, 1, 100_000);
        options.MaxPerSecond = Number("MaxPerSecond", 0, 0, 100_000);
        options.EnquireLinkSeconds = Number("EnquireLinkSeconds", 30, 1, 3600);
        options.ReconnectMinSeconds = Number("ReconnectMinSeconds", 1, 0, 3600);
        options.ReconnectMaxSeconds = Number("ReconnectMaxSeconds", 60, 1, 3600);
        if (options.ReconnectMaxSeconds < options.ReconnectMinSeconds)
        {
            problems.Add("ReconnectMaxSeconds must not be below ReconnectMinSeconds.");
        }
        options.ResponseTimeoutSeconds = Number("ResponseTimeoutSeconds", 10, 1, 600);
        options.SubmitWaitSeconds = Number("SubmitWaitSeconds", 10, 0, 600);
        options.ThrottleRetryMilliseconds = Number("ThrottleRetryMilliseconds", 200, 0, 60_000);
        options.ThrottleSlowdownSeconds = Number("ThrottleSlowdownSeconds", 10, 0, 3600);
        options.SourceAddress = Text("SourceAddress", "", 20);
        options.SourceTon = (byte)Number("SourceTon", 0, 0, 6);
        options.SourceNpi = (byte)Number("SourceNpi", 0, 0, 18);
        options.DestinationTon = (byte)Number("DestinationTon", 0, 0, 6);
        options.DestinationNpi = (byte)Number("DestinationNpi", 1, 0, 18);
        options.MessageIdFormat = Choice("MessageIdFormat", SmppMessageIdFormat.AsIs);
        options.ReceiptIdFormat = string.IsNullOrWhiteSpace(settings["ReceiptIdFormat"]) ? null : Choice("ReceiptIdFormat", options.MessageIdFormat);
        options.LongMessages = Choice("LongMessages", SmsLongMessageMode.Udh);
        options.DataCoding = Choice("DataCoding", SmsCodingPreference.Auto);
        options.Gsm7Packed = Flag("Gsm7Packed", false);
        options.RegisteredDelivery = (byte)Number("RegisteredDelivery", 1, 0, 31);

        if (problems.Count > 0)
        {
            throw new ChannelSettingsException(channel, problems);
        }
        return options;
    }
}
