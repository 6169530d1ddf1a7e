namespace SmsPortal.Web.Features.Resellers;

/// <summary>Texts of the reseller pages and the reseller API's refusals (ResellerText.resx, ResellerText.zh-CN.resx).</summary>
public sealed class ResellerText;
