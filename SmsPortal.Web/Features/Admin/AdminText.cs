namespace SmsPortal.Web.Features.Admin;

/// <summary>Texts of the admin pages (AdminText.resx, AdminText.zh-CN.resx).</summary>
public sealed class AdminText;
