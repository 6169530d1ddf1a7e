namespace SmsPortal.Web.Features.Sending;

/// <summary>Texts of the send and records pages (SendingText.resx, SendingText.zh-CN.resx).</summary>
public sealed class SendingText;
