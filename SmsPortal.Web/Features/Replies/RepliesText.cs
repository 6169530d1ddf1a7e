namespace SmsPortal.Web.Features.Replies;

/// <summary>Texts of the replies pages and their export (RepliesText.resx, RepliesText.zh-CN.resx).</summary>
public sealed class RepliesText;
