namespace SmsPortal.Tests.Features.Security;

/// <summary>
/// A customer of the isolation matrix: a person signed in through the pages, the account's API credentials, and one
/// of each thing the account owns, with texts unique to it (<see cref="Markers"/>) that no other caller may ever see.
/// </summary>
public sealed record Tenant(
    HttpClient Client,
    string Email,
    string UserId,
    int AccountId,
    string ApiId,
    string ApiKey,
    int ApiKeyId,
    string Company,
    string Mobile,
    string SmsId,
    long MessageId,
    long ReplyId,
    string ReplyText,
    int TemplateId,
    string TemplateText,
    int SignatureId,
    string SignatureText,
    int LicenceId,
    long PendingOrderId,
    string PendingOrderNumber,
    long PaidOrderId,
    string PaidOrderNumber,
    long InvoiceId,
    string InvoiceTitle)
{
    public Member AsMember => new(Client, AccountId, ApiId, ApiKey, Email);

    /// <summary>Texts that belong to this tenant alone; any of them in another caller's answer is a leak.</summary>
    public IReadOnlyList<string> Markers =>
        [Email, Company, ApiId, ApiKey, Mobile, SmsId, ReplyText, TemplateText, SignatureText, PendingOrderNumber, PaidOrderNumber, InvoiceTitle];

    /// <summary>
    /// The first of <see cref="Markers"/> found in <paramref name="text"/>, or null. A marker the caller put in its own
    /// request (<paramref name="sent"/>: A's order number in ?order=, A's smsid in the path) may come back as it was sent,
    /// in a sign-in return address or a language link: that tells the caller nothing it did not send.
    /// </summary>
    public string? MarkerIn(string text, string? sent = null) =>
        Markers.FirstOrDefault(m => text.Contains(m, StringComparison.Ordinal) && (sent is null || !Uri.UnescapeDataString(sent).Contains(m, StringComparison.Ordinal)));
}
