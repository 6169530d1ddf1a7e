namespace SmsPortal.Web.Features.Blacklist;

/// <summary>Texts of the blacklist pages (BlacklistText.resx, BlacklistText.zh-CN.resx).</summary>
public sealed class BlacklistText;
