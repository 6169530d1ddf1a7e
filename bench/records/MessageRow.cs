using SmsPortal.Domain.Sending;

namespace SmsPortal.Bench.Records;

/// <summary>One generated message, reused for every row (the fill allocates its strings and nothing else).</summary>
internal sealed class MessageRow
{
    public int AccountId { get; set; }

    public string Mobile { get; set; } = "";

    public string Text { get; set; } = "";

    public int? TemplateId { get; set; }

    public int Parts { get; set; }

    public bool IsVerificationCode { get; set; }

    public MessageStatus Status { get; set; }

    public SubmissionDoor Door { get; set; }

    public DateTimeOffset AcceptedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? DoneAt { get; set; }

    public string? Channel { get; set; }

    public string? UpstreamId { get; set; }

    public string? UpstreamStatus { get; set; }

    public int DispatchAttempts { get; set; }
}
