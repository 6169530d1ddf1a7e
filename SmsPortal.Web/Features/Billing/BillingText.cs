namespace SmsPortal.Web.Features.Billing;

/// <summary>Texts of the billing pages, the customer's and the admins' (BillingText.resx, BillingText.zh-CN.resx).</summary>
public sealed class BillingText;
