using SmsPortal.Infrastructure.Channels.Smpp;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;

namespace SmsPortal.Infrastructure.Channels.Settings;

/// <summary>The settings of an upstream SMPP channel (<c>Type = Smpp</c>), read by <see cref="SmppChannelOptions"/>.</summary>
public static class SmppChannelDeclaration
{
    public static readonly ChannelSetting Host = ChannelSetting.Text("Host") with { Required = true, Ascii = true, MaxLength = 253 };
    public static readonly ChannelSetting Port = ChannelSetting.Number("Port", 2775, 1, 65535);
    public static readonly ChannelSetting SystemId = ChannelSetting.Text("SystemId") with { Required = true, Ascii = true, MaxLength = 15 };
    public static readonly ChannelSetting Password = ChannelSetting.Secret("Password") with { Ascii = true, MaxLength = 8 };
    public static readonly ChannelSetting SystemType = ChannelSetting.Text("SystemType") with { Ascii = true, MaxLength = 12 };
    public static readonly ChannelSetting BindMode = ChannelSetting.Choice("BindMode", (SmppBindMode?)SmppBindMode.Transceiver);
    public static readonly ChannelSetting Window = ChannelSetting.Number("Window", 10, 1, 1000);
    public static readonly ChannelSetting MaxRequestsInProgress = ChannelSetting.Number("MaxRequestsInProgress", SmppSessionOptions.DefaultMaxConcurrentIncoming, 1, 100_000);
    public static readonly ChannelSetting MaxPerSecond = ChannelSetting.Number("MaxPerSecond", 0, 0, 100_000);
    public static readonly ChannelSetting EnquireLinkSeconds = ChannelSetting.Number("EnquireLinkSeconds", 30, 1, 3600);
    public static readonly ChannelSetting ReconnectMinSeconds = ChannelSetting.Number("ReconnectMinSeconds", 1, 0, 3600);
    public static readonly ChannelSetting ReconnectMaxSeconds = ChannelSetting.Number("ReconnectMaxSeconds", 60, 1, 3600);
    public static readonly ChannelSetting ResponseTimeoutSeconds = ChannelSetting.Number("ResponseTimeoutSeconds", 10, 1, 600);
    public static readonly ChannelSetting SubmitWaitSeconds = ChannelSetting.Number("SubmitWaitSeconds", 10, 0, 600);
    public static readonly ChannelSetting ThrottleRetryMilliseconds = ChannelSetting.Number("ThrottleRetryMilliseconds", 200, 0, 60_000);
    public static readonly ChannelSetting ThrottleSlowdownSeconds = ChannelSetting.Number("ThrottleSlowdownSeconds", 10, 0, 3600);
    public static readonly ChannelSetting SourceAddress = ChannelSetting.Text("SourceAddress") with { Ascii = true, MaxLength = 20 };
    public static readonly ChannelSetting SourceTon = ChannelSetting.Number("SourceTon", 0, 0, 6);
    public static readonly ChannelSetting SourceNpi = ChannelSetting.Number("SourceNpi", 0, 0, 18);
    public static readonly ChannelSetting DestinationTon = ChannelSetting.Number("DestinationTon", 0, 0, 6);
    public static readonly ChannelSetting DestinationNpi = ChannelSetting.Number("DestinationNpi", 1, 0, 18);
    public static readonly ChannelSetting MessageIdFormat = ChannelSetting.Choice("MessageIdFormat", (SmppMessageIdFormat?)SmppMessageIdFormat.AsIs);
    public static readonly ChannelSetting ReceiptIdFormat = ChannelSetting.Choice("ReceiptIdFormat", (SmppMessageIdFormat?)null);
    public static readonly ChannelSetting LongMessages = ChannelSetting.Choice("LongMessages", (SmsLongMessageMode?)SmsLongMessageMode.Udh);
    public static readonly ChannelSetting DataCoding = ChannelSetting.Choice("DataCoding", (SmsCodingPreference?)SmsCodingPreference.Auto);
    public static readonly ChannelSetting Gsm7Packed = ChannelSetting.Flag("Gsm7Packed", false);
    public static readonly ChannelSetting RegisteredDelivery = ChannelSetting.Number("RegisteredDelivery", 1, 0, 31);

    public static readonly ChannelSettingSet All = new("Smpp",
    [
        Host, Port, SystemId, Password, SystemType, BindMode, Window, MaxRequestsInProgress, MaxPerSecond, EnquireLinkSeconds,
        ReconnectMinSeconds, ReconnectMaxSeconds, ResponseTimeoutSeconds, SubmitWaitSeconds, ThrottleRetryMilliseconds,
        ThrottleSlowdownSeconds, SourceAddress, SourceTon, SourceNpi, DestinationTon, DestinationNpi, MessageIdFormat,
        ReceiptIdFormat, LongMessages, DataCoding, Gsm7Packed, RegisteredDelivery,
    ]);
}
