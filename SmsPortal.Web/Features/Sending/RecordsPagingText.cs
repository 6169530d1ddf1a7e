namespace SmsPortal.Web.Features.Sending;

/// <summary>Texts of the records pager at scale (RecordsPagingText.resx, RecordsPagingText.zh-CN.resx).</summary>
public sealed class RecordsPagingText;
