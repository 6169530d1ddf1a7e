namespace SmsPortal.Web.Features.Resellers;

/// <summary>Texts of a reseller's invitation: the field, the answers and the mail (InvitationText.resx, InvitationText.zh-CN.resx).</summary>
public sealed class InvitationText;
