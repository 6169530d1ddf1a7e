namespace SmsPortal.Web.Features.Doors;

/// <summary>Texts of the Email-to-SMS settings card (MailDoorText.resx, MailDoorText.zh-CN.resx).</summary>
public sealed class MailDoorText;
