namespace SmsPortal.Web.Features.International;

/// <summary>Texts of international SMS: the price lists and the money balance (InternationalText.resx, InternationalText.zh-CN.resx).</summary>
public sealed class InternationalText;
