using Microsoft.Extensions.Configuration;
using SmsPortal.Infrastructure.Channels.Settings;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;

namespace SmsPortal.Infrastructure.Channels.Smpp;

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

    /// <summary>Reads and checks the settings (<see cref="SmppChannelDeclaration"/>); throws <see cref="ChannelSettingsException"/> naming every wrong one.</summary>
    public static SmppChannelOptions From(string channel, IConfiguration settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var read = new ChannelSettingsReader(ChannelSettingsReader.ChannelPrefix(channel), settings);
        var options = new SmppChannelOptions
        {
            Host = read.Text(SmppChannelDeclaration.Host).Trim(),
            Port = read.Number(SmppChannelDeclaration.Port),
            SystemId = read.Text(SmppChannelDeclaration.SystemId),
            Password = read.Text(SmppChannelDeclaration.Password),
            SystemType = read.Text(SmppChannelDeclaration.SystemType),
            BindMode = read.Choice<SmppBindMode>(SmppChannelDeclaration.BindMode),
            Window = read.Number(SmppChannelDeclaration.Window),
            MaxRequestsInProgress = read.Number(SmppChannelDeclaration.MaxRequestsInProgress),
            MaxPerSecond = read.Number(SmppChannelDeclaration.MaxPerSecond),
            EnquireLinkSeconds = read.Number(SmppChannelDeclaration.EnquireLinkSeconds),
            ReconnectMinSeconds = read.Number(SmppChannelDeclaration.ReconnectMinSeconds),
            ReconnectMaxSeconds = read.Number(SmppChannelDeclaration.ReconnectMaxSeconds),
            ResponseTimeoutSeconds = read.Number(SmppChannelDeclaration.ResponseTimeoutSeconds),
            SubmitWaitSeconds = read.Number(SmppChannelDeclaration.SubmitWaitSeconds),
            ThrottleRetryMilliseconds = read.Number(SmppChannelDeclaration.ThrottleRetryMilliseconds),
            ThrottleSlowdownSeconds = read.Number(SmppChannelDeclaration.ThrottleSlowdownSeconds),
            SourceAddress = read.Text(SmppChannelDeclaration.SourceAddress),
            SourceTon = (byte)read.Number(SmppChannelDeclaration.SourceTon),
            SourceNpi = (byte)read.Number(SmppChannelDeclaration.SourceNpi),
            DestinationTon = (byte)read.Number(SmppChannelDeclaration.DestinationTon),
            DestinationNpi = (byte)read.Number(SmppChannelDeclaration.DestinationNpi),
            MessageIdFormat = read.Choice<SmppMessageIdFormat>(SmppChannelDeclaration.MessageIdFormat),
            LongMessages = read.Choice<SmsLongMessageMode>(SmppChannelDeclaration.LongMessages),
            DataCoding = read.Choice<SmsCodingPreference>(SmppChannelDeclaration.DataCoding),
            Gsm7Packed = read.Flag(SmppChannelDeclaration.Gsm7Packed),
            RegisteredDelivery = (byte)read.Number(SmppChannelDeclaration.RegisteredDelivery),
        };
        options.ReceiptIdFormat = read.OptionalChoice<SmppMessageIdFormat>(SmppChannelDeclaration.ReceiptIdFormat);
        if (options.ReconnectMaxSeconds < options.ReconnectMinSeconds)
        {
            read.Problem(SmppChannelDeclaration.ReconnectMaxSeconds.Name, "must not be below ReconnectMinSeconds");
        }

        read.ThrowIfAnyFor(channel);
        return options;
    }
}
