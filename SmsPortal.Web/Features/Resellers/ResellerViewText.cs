namespace SmsPortal.Web.Features.Resellers;

/// <summary>Texts of the reseller's view of its customers and of the admins' reseller figures (ResellerViewText.resx, ResellerViewText.zh-CN.resx).</summary>
public sealed class ResellerViewText;
