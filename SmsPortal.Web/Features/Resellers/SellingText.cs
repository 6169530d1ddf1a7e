namespace SmsPortal.Web.Features.Resellers;

/// <summary>Texts of the reseller's selling page: its packages, customer prices, invoice details and invoices (SellingText.resx, SellingText.zh-CN.resx).</summary>
public sealed class SellingText;
