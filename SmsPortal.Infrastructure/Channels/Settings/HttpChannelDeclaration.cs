namespace SmsPortal.Infrastructure.Channels.Settings;

/// <summary>
/// The settings of an HTTP provider (<c>Type = Http</c>) and of an HTTP voice provider (<c>Type = HttpVoice</c>, read by
/// the same reader), read by <c>HttpChannelSettings</c>.
/// </summary>
public static class HttpChannelDeclaration
{
    public static readonly ChannelSetting Preset = new("Preset", ChannelSettingKind.Choice) { Choices = ["Vendor"] };
    public static readonly ChannelSetting BaseUrl = ChannelSetting.Text("BaseUrl");
    public static readonly ChannelSetting Account = ChannelSetting.Text("Account");
    public static readonly ChannelSetting Password = ChannelSetting.Secret("Password");
    public static readonly ChannelSetting UseDynamicPassword = ChannelSetting.Flag("UseDynamicPassword", false);
    public static readonly ChannelSetting Url = ChannelSetting.Text("Url");
    public static readonly ChannelSetting Method = new("Method", ChannelSettingKind.Choice) { Default = "POST", Choices = ["GET", "POST"] };
    public static readonly ChannelSetting Body = new("Body", ChannelSettingKind.Choice) { Choices = ["Form", "Json", "Query"] };
    public static readonly ChannelSetting Encoding = ChannelSetting.Text("Encoding", "utf-8");
    public static readonly ChannelSetting Fields = ChannelSetting.Map("Fields");
    public static readonly ChannelSetting Headers = ChannelSetting.Map("Headers") with { SecretValues = true };
    public static readonly ChannelSetting SuccessPattern = ChannelSetting.Text("SuccessPattern");
    public static readonly ChannelSetting SuccessJsonPointer = ChannelSetting.Text("SuccessJsonPointer");
    public static readonly ChannelSetting SuccessValue = ChannelSetting.Text("SuccessValue");
    public static readonly ChannelSetting MessageIdPattern = ChannelSetting.Text("MessageIdPattern");
    public static readonly ChannelSetting MessageIdJsonPointer = ChannelSetting.Text("MessageIdJsonPointer");
    public static readonly ChannelSetting TryLaterPattern = ChannelSetting.Text("TryLaterPattern");
    public static readonly ChannelSetting FaultPattern = ChannelSetting.Text("FaultPattern");
    public static readonly ChannelSetting TryLaterValues = ChannelSetting.List("TryLaterValues");
    public static readonly ChannelSetting FaultValues = ChannelSetting.List("FaultValues");
    public static readonly ChannelSetting TimeoutSeconds = ChannelSetting.Number("TimeoutSeconds", 10, 1, 300);
    public static readonly ChannelSetting MaxConcurrent = ChannelSetting.Number("MaxConcurrent", 10, 1, 1000);
    public static readonly ChannelSetting MaxPerSecond = ChannelSetting.Number("MaxPerSecond", 0, 0, 100_000);
    public static readonly ChannelSetting FailuresToOpen = ChannelSetting.Number("FailuresToOpen", 5, 1, 10_000);
    public static readonly ChannelSetting OpenSeconds = ChannelSetting.Number("OpenSeconds", 30, 1, 86_400);
    public static readonly ChannelSetting CallbackSecret = ChannelSetting.Secret("CallbackSecret");
    public static readonly ChannelSetting CallbackAllowedAddresses = ChannelSetting.List("CallbackAllowedAddresses");
    public static readonly ChannelSetting ReceiptIdField = ChannelSetting.Text("ReceiptIdField");
    public static readonly ChannelSetting ReceiptStatusField = ChannelSetting.Text("ReceiptStatusField");
    public static readonly ChannelSetting DeliveredValue = ChannelSetting.List("DeliveredValue");
    public static readonly ChannelSetting UndeliveredValue = ChannelSetting.List("UndeliveredValue");
    public static readonly ChannelSetting ReplyFromField = ChannelSetting.Text("ReplyFromField");
    public static readonly ChannelSetting ReplyToField = ChannelSetting.Text("ReplyToField");
    public static readonly ChannelSetting ReplyTextField = ChannelSetting.Text("ReplyTextField");
    public static readonly ChannelSetting ReplyTimeField = ChannelSetting.Text("ReplyTimeField");
    public static readonly ChannelSetting ReplyMessageIdField = ChannelSetting.Text("ReplyMessageIdField");
    public static readonly ChannelSetting CallbackAnswer = ChannelSetting.Text("CallbackAnswer", "success");

    public static readonly ChannelSettingSet All = new("Http",
    [
        Preset, BaseUrl, Account, Password, UseDynamicPassword, Url, Method, Body, Encoding, Fields, Headers, SuccessPattern,
        SuccessJsonPointer, SuccessValue, MessageIdPattern, MessageIdJsonPointer, TryLaterPattern, FaultPattern, TryLaterValues,
        FaultValues, TimeoutSeconds, MaxConcurrent, MaxPerSecond, FailuresToOpen, OpenSeconds, CallbackSecret, CallbackAllowedAddresses,
        ReceiptIdField, ReceiptStatusField, DeliveredValue, UndeliveredValue, ReplyFromField, ReplyToField, ReplyTextField, ReplyTimeField,
        ReplyMessageIdField, CallbackAnswer,
    ]);
}
