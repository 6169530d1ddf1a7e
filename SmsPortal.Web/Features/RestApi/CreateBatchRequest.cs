namespace SmsPortal.Web.Features.RestApi;

/// <summary>One message to many numbers (up to Batches:MaxNumbers), sent as a durable batch now or at <paramref name="SendAt"/>.</summary>
/// <param name="Mobiles">The receiving numbers; duplicates are sent once. One bad number refuses the whole batch (406).</param>
/// <param name="TemplateId">An approved template's id; 1 is the platform's verification-code template.</param>
/// <param name="Content">With a template: the values joined by '|'. Without: the text, optionally starting with 【signature】.</param>
/// <param name="SendAt">When to start, ISO 8601 with an offset (2026-12-24T09:00:00+08:00); null or absent: now. Not such a time: 4090; past or too far ahead: 4091.</param>
public sealed record CreateBatchRequest(IReadOnlyList<string>? Mobiles, int? TemplateId, string? Content, string? SendAt);
