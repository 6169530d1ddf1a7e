namespace SmsPortal.Web.Features.International;

/// <summary>Texts of the top-up of a free amount of money (MoneyTopUpText.resx, MoneyTopUpText.zh-CN.resx).</summary>
public sealed class MoneyTopUpText;
