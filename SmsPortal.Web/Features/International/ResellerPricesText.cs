namespace SmsPortal.Web.Features.International;

/// <summary>Texts of the reseller's international price list page and its REST (ResellerPricesText.resx, ResellerPricesText.zh-CN.resx).</summary>
public sealed class ResellerPricesText;
