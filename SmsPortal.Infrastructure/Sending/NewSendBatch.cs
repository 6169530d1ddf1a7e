using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>
/// A batch send as a door asks for it: the numbers as given, the vendor's content (values joined by | with
/// <paramref name="TemplateIdText"/>, else the text), and when to start (null: now).
/// </summary>
public sealed record NewSendBatch(
    SubmissionDoor Door,
    string? CreatedByUserId,
    string CreatedBy,
    IReadOnlyList<string> Mobiles,
    string? Content,
    string? TemplateIdText,
    DateTimeOffset? ScheduledAt);
