namespace SmsPortal.Web.Features.ApiReference;

/// <summary>One copy-ready program that sends a message through the REST API.</summary>
/// <param name="Language">The tab's name (a language's own name, the same in every UI language).</param>
/// <param name="FileName">What to save it as to run it (the samples' test runs them so).</param>
public sealed record ApiSample(string Language, string FileName, string Code);
