namespace SmsPortal.Infrastructure.Sending;

/// <summary>
/// A message checked by the rules that depend on no number (signature, template, content, trial): its signature, its
/// body, whether the customer wrote the signature, and its template. The text each destination gets is
/// <see cref="Countries.CountryRules.ComposeFor"/>'s (through <see cref="SubmissionService.TextFor"/>).
/// </summary>
public sealed record ComposedMessage(string Signature, string Body, bool OwnSignature, int TemplateId);
