namespace SmsPortal.Web.Features.Sending;

/// <summary>Texts of batch and scheduled sends: the send page's confirmation and schedule, and the Batches page (BatchText.resx, BatchText.zh-CN.resx).</summary>
public sealed class BatchText;
