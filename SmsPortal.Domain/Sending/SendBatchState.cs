namespace SmsPortal.Domain.Sending;

/// <summary>Where a batch send stands. Scheduled and Running are the states a worker picks up; Cancelled and Done are final.</summary>
public enum SendBatchState
{
    /// <summary>Waiting for its time (a send "now" is scheduled at its creation time and starts within a second).</summary>
    Scheduled = 0,

    Running = 1,

    /// <summary>Stopped after a chunk by its owner; resuming makes it Scheduled or Running again.</summary>
    Paused = 2,

    /// <summary>Stopped for good: what was accepted stays accepted (and charged); the rest is never sent.</summary>
    Cancelled = 3,

    /// <summary>Every number was decided: accepted, or refused with its code.</summary>
    Done = 4,
}
