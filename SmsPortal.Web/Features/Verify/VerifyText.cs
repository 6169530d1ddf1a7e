namespace SmsPortal.Web.Features.Verify;

/// <summary>Texts of the Verify console page (VerifyText.resx, VerifyText.zh-CN.resx).</summary>
public sealed class VerifyText;
