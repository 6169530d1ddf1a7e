namespace SmsPortal.Infrastructure.Sending;

/// <summary>Section "Batches": batch and scheduled sends (decision 0036).</summary>
public sealed class SendBatchOptions
{
    public const string Section = "Batches";

    /// <summary>Most numbers one batch takes (the console, the REST API and the vendor's stime alike).</summary>
    public int MaxNumbers { get; set; } = 100_000;

    /// <summary>Numbers a worker submits together: a pause or a cancel takes effect after the chunk in progress.</summary>
    public int ChunkSize { get; set; } = 500;

    /// <summary>How long a worker's hold on a running batch lasts without renewal (renewed every chunk); a dead node's batch is taken over after it.</summary>
    public int HoldSeconds { get; set; } = 60;

    /// <summary>How far ahead a send may be scheduled.</summary>
    public int MaxScheduleDays { get; set; } = 90;

    /// <summary>How far in the past a scheduled time may be and still count as "now" (clocks differ a little).</summary>
    public int PastToleranceSeconds { get; set; } = 60;

    /// <summary>Hours east of UTC of the vendor's <c>stime</c> when it is written as a local time (the vendor's clients write Beijing time).</summary>
    public int VendorTimeOffsetHours { get; set; } = 8;

    public IEnumerable<string> Problems()
    {
        if (MaxNumbers is < 1 or > 1_000_000)
        {
            yield return "Batches:MaxNumbers must be between 1 and 1000000.";
        }

        if (ChunkSize is < 1 or > 5000)
        {
            yield return "Batches:ChunkSize must be between 1 and 5000.";
        }

        if (HoldSeconds is < 5 or > 3600)
        {
            yield return "Batches:HoldSeconds must be between 5 and 3600.";
        }

        if (MaxScheduleDays is < 1 or > 366)
        {
            yield return "Batches:MaxScheduleDays must be between 1 and 366.";
        }

        if (PastToleranceSeconds is < 0 or > 3600)
        {
            yield return "Batches:PastToleranceSeconds must be between 0 and 3600.";
        }

        if (VendorTimeOffsetHours is < -12 or > 14)
        {
            yield return "Batches:VendorTimeOffsetHours must be between -12 and 14.";
        }
    }
}
