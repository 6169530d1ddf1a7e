namespace SmsPortal.Web.Features.Identity;

/// <summary>Texts of the sign-in, registration and account pages (IdentityText.resx, IdentityText.zh-CN.resx).</summary>
public sealed class IdentityText;
