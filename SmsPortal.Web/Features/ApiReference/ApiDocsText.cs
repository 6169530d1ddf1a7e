namespace SmsPortal.Web.Features.ApiReference;

/// <summary>
/// Texts of the API reference (ApiDocsText.resx, ApiDocsText.zh-CN.resx): the document's title and description, and
/// each operation's summary and description as "Operation.{the English text}", keyed by the endpoint's own
/// WithSummary/WithDescription; an operation without a key is shown as its endpoint writes it.
/// </summary>
public sealed class ApiDocsText;
