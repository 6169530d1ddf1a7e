using SmsPortal.Infrastructure.Channels.Settings;

namespace SmsPortal.Infrastructure.Doors.Smtp;

/// <summary>The settings of the Email-to-SMS door (section <c>Smtp</c>), read by <see cref="SmtpDoorOptions"/> with the channels' one settings reader.</summary>
public static class SmtpDoorDeclaration
{
    public static readonly ChannelSetting Port = new("Port", ChannelSettingKind.Number) { Min = 0, Max = 65535 };
    public static readonly ChannelSetting Host = ChannelSetting.Text("Host", "::");
    public static readonly ChannelSetting Domain = ChannelSetting.Text("Domain");
    public static readonly ChannelSetting ServerName = ChannelSetting.Text("ServerName");
    public static readonly ChannelSetting MaxRecipients = ChannelSetting.Number("MaxRecipients", 50, 1, 1000);
    public static readonly ChannelSetting MaxMessageBytes = ChannelSetting.Number("MaxMessageBytes", 64 * 1024, 1024, 64 * 1024 * 1024);
    public static readonly ChannelSetting CertificatePath = ChannelSetting.Text("Certificate:Path");
    public static readonly ChannelSetting CertificatePassword = ChannelSetting.Secret("Certificate:Password");
    public static readonly ChannelSetting AllowAuthWithoutTls = ChannelSetting.Flag("AllowAuthWithoutTls", false);
    public static readonly ChannelSetting SessionTimeoutSeconds = ChannelSetting.Number("SessionTimeoutSeconds", 120, 5, 3600);
    public static readonly ChannelSetting ReceiptPollSeconds = ChannelSetting.Number("ReceiptPollSeconds", 5, 1, 3600);
    public static readonly ChannelSetting ReplyRetrySeconds = ChannelSetting.Number("ReplyRetrySeconds", 60, 1, 3600);
}
