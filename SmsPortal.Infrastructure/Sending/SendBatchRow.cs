using SmsPortal.Domain.Sending;

namespace SmsPortal.Infrastructure.Sending;

/// <summary>A batch as its owner sees it, with its progress.</summary>
public sealed record SendBatchRow(
    int Id,
    SendBatchState State,
    SubmissionDoor Door,
    string CreatedBy,
    string Preview,
    int Parts,
    int Total,
    DateTimeOffset ScheduledAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    SendBatchProgress Progress)
{
    /// <summary>Credits the whole batch costs at most: parts per number times the numbers.</summary>
    public long Cost => (long)Parts * Total;

    public bool CanPause => State is SendBatchState.Scheduled or SendBatchState.Running;

    public bool CanResume => State == SendBatchState.Paused;

    public bool CanCancel => State is SendBatchState.Scheduled or SendBatchState.Running or SendBatchState.Paused;
}
